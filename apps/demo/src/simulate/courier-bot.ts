import type { LatLng } from '@lib/geo';
import type { CourierClientEvents, CourierServerEvents, LocationMessage, OfferEvent, OrderView, PublicTrackingView } from '@lib/wire';
import { io, Socket } from 'socket.io-client';
import { ApiClient, isStatus } from '../api-client';
import type { City } from '../cities';
import type { DemoConfig } from '../config';
import { samplePointInArea } from '../geo/area';
import { Log, shortId } from '../log';
import type { Rng } from '../rng';
import type { DemoCourier } from '../seed/people';
import type { Session } from '../sessions';
import { sleep } from '../sleep';
import type { BreakRota } from './break-rota';
import { HELD_STATUSES, Job, jobFromOrder, nextStop } from './jobs';
import { Ride, streetPath, withGpsNoise } from './movement';
import type { SimulationStats } from './stats';

export interface CourierContext {
  api: ApiClient;
  trackingUrl: string;
  city: City;
  config: DemoConfig;
  merchantNames: Map<string, string>;
  breaks: BreakRota;
  stats: SimulationStats;
  log: Log;
  signal: AbortSignal;
}

type Goal = { kind: 'wander' } | { kind: 'pickup' | 'dropoff'; orderId: string };

const DECLINE_REASONS = ['too far for me', 'flat tyre', 'my shift ends soon', 'bag already full'];
/** Riders say when they plan to stop (2 to 4 hours ahead) and, the demo running on, stay longer when that nears. */
const PLANNED_SHIFT_HOURS = [2, 4] as const;
const STAY_LONGER_WITHIN_MS = 10 * 60_000;
/** Idle riders drift around the centre, where most restaurants are. */
const WANDER_RADIUS_METERS = 1500;

/**
 * One simulated courier, driven only through the public API and the `/courier` socket as the
 * courier app is: goes on shift, sends its position every few seconds, answers offers like a
 * person (a short pause, now and then a no), rides to the restaurant and to the door, proves
 * the delivery with the customer's PIN, drifts back towards the centre, takes breaks.
 */
export class CourierBot {
  private socket?: Socket<CourierServerEvents, CourierClientEvents>;
  private position: LatLng;
  private ride: Ride | null = null;
  private goal: Goal | null = null;
  private readonly jobs = new Map<string, Job>();
  /** Orders whose offer this courier is accepting: their `order.updated` may arrive before the answer. */
  private readonly accepting = new Set<string>();
  private onShift = false;
  private plannedEnd = 0;
  private breakUntil: number | null = null;
  private idleUntil = 0;
  private waitingLogged = false;
  private readonly metersPerSecond: number;
  private readonly who: string;
  private readonly moves: Rng;
  private readonly choices: Rng;

  constructor(
    private readonly courier: DemoCourier,
    private readonly session: Session,
    private readonly context: CourierContext,
    rng: Rng,
  ) {
    this.moves = rng.fork('moves');
    this.choices = rng.fork('choices');
    // 15–18 km/h at the default 16: riders are not all alike.
    this.metersPerSecond = (context.config.DEMO_COURIER_SPEED_KMH * this.moves.between(0.94, 1.12)) / 3.6;
    this.position = samplePointInArea(context.city.serviceArea, this.moves, { center: context.city.center, maxMeters: WANDER_RADIUS_METERS });
    this.who = `${context.city.key} ${courier.name}`;
  }

  /** Runs until the context's signal aborts, then leaves the shift and closes the socket. */
  async run(): Promise<void> {
    const { signal, config } = this.context;
    try {
      await this.resumeHeldOrders();
      await this.setShift(true);
      this.connect();
      this.context.log(this.who, 'on shift');
      let last = Date.now();
      while (!signal.aborted) {
        await sleep(config.DEMO_LOCATION_INTERVAL_SECONDS * 1000 * this.moves.between(0.9, 1.1), signal);
        if (signal.aborted) break;
        const now = Date.now();
        await this.step((now - last) / 1000, now).catch((error: unknown) => {
          if (!signal.aborted) this.context.log(this.who, `step failed: ${String(error)}`);
        });
        last = now;
      }
    } finally {
      await this.leave();
    }
  }

  private async step(seconds: number, now: number): Promise<void> {
    if (!this.onShift) {
      if (this.breakUntil !== null && now >= this.breakUntil) await this.endBreak();
      return;
    }
    if (now > this.plannedEnd - STAY_LONGER_WITHIN_MS) await this.stayLonger();
    if (this.goalIsStale()) [this.ride, this.goal] = [null, null];
    if (this.ride && !this.ride.arrived) {
      this.ride.advance(seconds);
      this.position = this.ride.position;
    } else if (this.ride) {
      await this.arrive(now);
    } else {
      await this.decide(now, seconds);
    }
    if (this.onShift) await this.sendPosition();
  }

  /** A new order makes wandering pointless; a cancelled or re-assigned one ends its ride. */
  private goalIsStale(): boolean {
    if (!this.goal) return false;
    if (this.goal.kind === 'wander') return this.jobs.size > 0;
    const job = this.jobs.get(this.goal.orderId);
    return !job || (this.goal.kind === 'pickup') !== (job.status === 'assigned');
  }

  private async decide(now: number, seconds: number): Promise<void> {
    const stop = nextStop(this.position, this.jobs.values());
    if (stop) {
      this.rideTo(stop.location, { kind: stop.kind, orderId: stop.job.orderId });
      return;
    }
    if (now < this.idleUntil) return;
    const breakEvery = this.context.config.DEMO_BREAK_EVERY_MINUTES * 60;
    if (breakEvery > 0 && this.choices.chance(seconds / breakEvery) && this.context.breaks.tryStart()) {
      await this.startBreak(now);
      return;
    }
    const { city } = this.context;
    this.rideTo(samplePointInArea(city.serviceArea, this.moves, { center: city.center, maxMeters: WANDER_RADIUS_METERS }), { kind: 'wander' });
  }

  private rideTo(destination: LatLng, goal: Goal): void {
    this.ride = new Ride(streetPath(this.position, destination, this.context.city.center, this.moves), this.metersPerSecond);
    this.goal = goal;
    this.waitingLogged = false;
  }

  private async arrive(now: number): Promise<void> {
    const goal = this.goal;
    if (!goal || goal.kind === 'wander') {
      [this.ride, this.goal] = [null, null];
      this.idleUntil = now + this.moves.between(5, 40) * 1000;
      return;
    }
    const job = this.jobs.get(goal.orderId);
    if (!job) return;
    if (goal.kind === 'pickup') await this.pickUp(job, now);
    else await this.deliver(job, now);
  }

  private async pickUp(job: Job, now: number): Promise<void> {
    // Early at the restaurant: wait for the food, as a rider would.
    if (job.readyAt && Date.parse(job.readyAt) > now) {
      if (!this.waitingLogged) this.context.log(this.who, `waiting at ${job.merchantName} for order ${shortId(job.orderId)}`);
      this.waitingLogged = true;
      return;
    }
    const order = await this.orderStep(job, 'pickup', {});
    if (!order) return;
    job.status = 'picked_up';
    [this.ride, this.goal] = [null, null];
    this.context.stats.pickedUp += 1;
    this.context.log(this.who, `picked up order ${shortId(job.orderId)} at ${job.merchantName}`);
  }

  private async deliver(job: Job, now: number): Promise<void> {
    // The customer reads the PIN from the tracking page; the rider types it in.
    const view = await this.context.api.get<PublicTrackingView>(`/api/v1/track/${job.trackingToken}`);
    const proof = view.deliveryPin ? { type: 'pin', value: view.deliveryPin } : { type: 'signature', value: 'signed at the door' };
    const order = await this.orderStep(job, 'deliver', { proof });
    if (!order) return;
    this.jobs.delete(job.orderId);
    [this.ride, this.goal] = [null, null];
    this.idleUntil = now + this.moves.between(5, 20) * 1000;
    this.context.stats.delivered += 1;
    this.context.stats.deliveredOrderIds.push(job.orderId);
    this.context.log(this.who, `delivered order ${shortId(job.orderId)} to ${job.dropoff.address} (${proof.type})`);
  }

  /** POST pickup/deliver; an order that is no longer ours (404, 409) is dropped, not retried. */
  private async orderStep(job: Job, step: 'pickup' | 'deliver', body: object): Promise<OrderView | null> {
    try {
      return await this.context.api.post<OrderView>(`/api/v1/orders/${job.orderId}/${step}`, { auth: this.session, body });
    } catch (error) {
      if (!isStatus(error, 404, 409)) throw error;
      this.jobs.delete(job.orderId);
      [this.ride, this.goal] = [null, null];
      this.context.log(this.who, `order ${shortId(job.orderId)} is no longer mine (${error.status} on ${step})`);
      return null;
    }
  }

  private async startBreak(now: number): Promise<void> {
    const minutes = this.choices.between(1, 4);
    await this.setShift(false);
    this.breakUntil = now + minutes * 60_000;
    this.context.log(this.who, `off shift for a ${minutes.toFixed(0)}-minute break`);
  }

  private async endBreak(): Promise<void> {
    this.breakUntil = null;
    this.context.breaks.end();
    await this.setShift(true);
    this.context.log(this.who, 'back on shift');
  }

  private async stayLonger(): Promise<void> {
    await this.setShift(true);
    this.context.log(this.who, `staying on until ${new Date(this.plannedEnd).toTimeString().slice(0, 5)}`);
  }

  /** Going on shift (or staying longer) plans a new end a few hours ahead. */
  private async setShift(onShift: boolean): Promise<void> {
    const plannedEnd = Date.now() + this.choices.between(...PLANNED_SHIFT_HOURS) * 3_600_000;
    const body = onShift ? { onShift, until: new Date(plannedEnd).toISOString() } : { onShift };
    await this.context.api.put('/api/v1/couriers/me/shift', { auth: this.session, body });
    if (onShift) this.plannedEnd = plannedEnd;
    if (onShift !== this.onShift) this.context.stats.couriersOnShift += onShift ? 1 : -1;
    this.onShift = onShift;
  }

  /** After a restart of the demo: carry on with the orders this courier still holds. */
  private async resumeHeldOrders(): Promise<void> {
    for (const status of HELD_STATUSES) {
      const orders = await this.context.api.all<OrderView>(`/api/v1/orders?status=${status}&courierId=${this.courier.courierId}`, { auth: this.session });
      for (const order of orders) this.hold(order);
    }
    if (this.jobs.size) this.context.log(this.who, `resuming ${this.jobs.size} order(s) held from before`);
  }

  private hold(order: OrderView): void {
    const known = this.jobs.get(order.id);
    if (known) known.status = order.status === 'picked_up' ? 'picked_up' : 'assigned';
    else this.jobs.set(order.id, jobFromOrder(order, this.context.merchantNames.get(order.merchantId)));
  }

  private connect(): void {
    const socket: Socket<CourierServerEvents, CourierClientEvents> = io(`${this.context.trackingUrl}/courier`, {
      auth: { token: this.session.token },
      transports: ['websocket'],
      reconnectionDelayMax: 10_000,
    });
    this.socket = socket;
    socket.on('offer', (offer) => void this.answer(offer).catch((error: unknown) => this.context.log(this.who, `offer ${shortId(offer.offerId)}: ${String(error)}`)));
    socket.on('offer.withdrawn', ({ offerId }) => this.context.log(this.who, `offer ${shortId(offerId)} withdrawn`));
    socket.on('order.updated', (order) => this.onOrderUpdated(order));
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => void this.reconnectAfter(error));
  }

  /**
   * A refused handshake is not retried by socket.io: renew an expired token and try again;
   * transport errors (gateway restarting) are retried by socket.io itself.
   */
  private async reconnectAfter(error: Error & { data?: { code?: string } }): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.active || this.context.signal.aborted) return;
    this.context.log(this.who, `tracking gateway refused the socket (${error.data?.code ?? error.message}); retrying`);
    if (error.data?.code === 'unauthorized') await this.session.renew();
    await sleep(5000, this.context.signal);
    socket.auth = { token: this.session.token };
    if (!this.context.signal.aborted) socket.connect();
  }

  private onOrderUpdated(order: OrderView): void {
    const mine = order.courierId === this.courier.courierId && (HELD_STATUSES as readonly string[]).includes(order.status);
    if (mine) {
      if (!this.jobs.has(order.id) && !this.accepting.has(order.id)) this.context.log(this.who, `order ${shortId(order.id)} assigned to me by dispatch`);
      this.hold(order);
    } else if (this.jobs.delete(order.id)) {
      this.context.log(this.who, `order ${shortId(order.id)} taken off me (${order.status})`);
    }
  }

  private async answer(offer: OfferEvent): Promise<void> {
    const { config, api, stats, log } = this.context;
    const [low, high] = config.DEMO_OFFER_DELAY_SECONDS;
    const secondsLeft = (Date.parse(offer.expiresAt) - Date.now()) / 1000;
    const delay = Math.max(0, Math.min(this.choices.between(low, high), secondsLeft - 1.5));
    const declines = this.choices.chance(config.DEMO_DECLINE_RATE);
    const reason = this.choices.pick(DECLINE_REASONS);
    await sleep(delay * 1000, this.context.signal);
    if (this.context.signal.aborted || !this.onShift) return;
    try {
      if (declines) {
        await api.post(`/api/v1/offers/${offer.offerId}/decline`, { auth: this.session, body: { reason } });
        stats.offersDeclined += 1;
        log(this.who, `declined order ${shortId(offer.orderId)} ("${reason}")`);
        return;
      }
      this.accepting.add(offer.orderId);
      const order = await api.post<OrderView>(`/api/v1/offers/${offer.offerId}/accept`, { auth: this.session }).finally(() => this.accepting.delete(offer.orderId));
      this.hold(order);
      stats.offersAccepted += 1;
      log(this.who, `accepted order ${shortId(order.id)}: ${this.context.merchantNames.get(order.merchantId) ?? 'pickup'} → ${order.dropoff.address}`);
    } catch (error) {
      if (!isStatus(error, 404, 409)) throw error;
      stats.offersMissed += 1;
      log(this.who, `offer for order ${shortId(offer.orderId)} was gone (${error.status})`);
    }
  }

  private async sendPosition(): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected) return;
    const fix = withGpsNoise(this.position, this.moves);
    const moving = this.ride !== null && !this.ride.arrived;
    const message: LocationMessage = {
      ...fix,
      accuracy: 5,
      heading: moving ? Math.round(this.ride!.heading) % 360 : null,
      speed: moving ? Math.min(this.metersPerSecond, 199) : 0,
      at: new Date().toISOString(),
    };
    try {
      const ack = await socket.timeout(5000).emitWithAck('location', message);
      // not_on_shift right after a shift change is the gateway's cache catching up; rate_limited is harmless.
      if (!ack.ok && ack.error === 'invalid_location') this.context.log(this.who, `position refused: ${ack.detail ?? ack.error}`);
    } catch {
      // No acknowledgement within 5 s: the next fix follows in a moment anyway.
    }
  }

  /** Leaves the shift (best effort: the API may already be stopping too) and closes the socket. */
  private async leave(): Promise<void> {
    this.socket?.disconnect();
    if (!this.onShift) return;
    // Not cut short by the stop signal, but quick: scripts/demo.sh may be stopping the API too.
    const detached = new ApiClient(this.context.api.baseUrl, undefined, undefined, 3000);
    await detached
      .request('PUT', '/api/v1/couriers/me/shift', { auth: this.session, body: { onShift: false } })
      .then(() => {
        this.onShift = false;
        this.context.stats.couriersOnShift -= 1;
      })
      .catch(() => undefined);
  }
}
