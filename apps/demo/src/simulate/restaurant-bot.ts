import type { OrderView } from '@lib/wire';
import { ApiClient, isStatus } from '../api-client';
import { City, FIRST_NAMES, INITIALS } from '../cities';
import type { DemoConfig } from '../config';
import { samplePointInArea } from '../geo/area';
import { Log, shortId } from '../log';
import type { Rng } from '../rng';
import type { DemoMerchant } from '../seed/people';
import { sleep } from '../sleep';
import type { SimulationStats } from './stats';

export interface RestaurantContext {
  api: ApiClient;
  config: DemoConfig;
  stats: SimulationStats;
  log: Log;
  signal: AbortSignal;
  /** Makes idempotency keys unique to this run (the orders' contents come from the seed). */
  runId: string;
}

/** Customers order from nearby: a bike ride, not across the whole city. */
const MAX_DELIVERY_METERS = 2500;
const NOTES = ['code 4512B', '3rd floor, no lift', 'ring twice', 'leave with the concierge', 'door on the courtyard side'];

/**
 * A co-op's restaurants placing orders the way their tills would: `POST /api/v1/orders` with
 * the merchant's API key and an Idempotency-Key, at a steady random pace, to customers
 * anywhere in the service area near the restaurant, ready in a few minutes.
 */
export class RestaurantBot {
  private placed = 0;

  constructor(
    private readonly city: City,
    private readonly merchants: DemoMerchant[],
    private readonly context: RestaurantContext,
    private readonly rng: Rng,
  ) {}

  async run(): Promise<void> {
    const { signal, config, log } = this.context;
    const interval = config.DEMO_ORDER_INTERVAL_SECONDS * 1000;
    // The first order comes soon, so a fresh demo shows something to look at.
    let wait = interval * this.rng.between(0.1, 0.4);
    while (!signal.aborted) {
      await sleep(wait, signal);
      if (signal.aborted) break;
      await this.placeOrder().catch((error: unknown) => {
        if (!signal.aborted) log(this.city.key, `order not placed: ${String(error)}`);
      });
      wait = interval * this.rng.between(0.6, 1.4);
    }
  }

  private async placeOrder(): Promise<void> {
    const { api, stats, log, runId, config } = this.context;
    const merchant = this.rng.pick(this.merchants);
    const body = this.orderBody(merchant, config.DEMO_READY_MINUTES);
    const key = `demo-${runId}-${this.city.key}-${this.placed}`;
    this.placed += 1;
    try {
      const order = await this.postWithRetry(merchant, body, key);
      stats.ordersPlaced += 1;
      log(this.city.key, `${merchant.name} ordered ${shortId(order.id)} → ${body.dropoff.address} (${(order.distanceMeters / 1000).toFixed(1)} km, ${(order.price.amount / 100).toFixed(2)} €)`);
    } catch (error) {
      if (!isStatus(error, 422)) throw error;
      stats.ordersRefused += 1;
      log(this.city.key, `${merchant.name}'s order refused: ${error.problem?.detail ?? error.message}`);
    }
  }

  /** A network hiccup is retried once with the same key: the API answers the first result again, never a second order. */
  private async postWithRetry(merchant: DemoMerchant, body: object, key: string) {
    const send = () => this.context.api.post<OrderView>('/api/v1/orders', { auth: merchant.apiKey, headers: { 'idempotency-key': key }, body });
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof TypeError) && !isStatus(error, 502, 503, 504)) throw error;
      await sleep(2000, this.context.signal);
      return send();
    }
  }

  private orderBody(merchant: DemoMerchant, readyMinutes: number) {
    const rng = this.rng;
    const location = samplePointInArea(this.city.serviceArea, rng, { center: merchant.location, maxMeters: MAX_DELIVERY_METERS });
    const readyAt = Date.now() + readyMinutes * rng.between(0.75, 1.25) * 60_000;
    const size = rng.pick(['S', 'S', 'S', 'M', 'M', 'L'] as const);
    return {
      dropoff: {
        address: `${rng.int(1, 140)} ${rng.pick(this.city.streets)}, ${this.city.name}`,
        location,
        contactName: `${rng.pick(FIRST_NAMES)} ${rng.pick(INITIALS.split(''))}.`,
        phone: `+33 6 ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)}`,
        ...(rng.chance(0.4) ? { notes: rng.pick(NOTES) } : {}),
      },
      readyAt: new Date(readyAt).toISOString(),
      deliverBy: new Date(readyAt + rng.between(30, 45) * 60_000).toISOString(),
      parcel: { size, weightKg: Math.round(rng.between(0.3, size === 'L' ? 8 : 3) * 10) / 10 },
      reference: `${merchant.name.replace(/[^\p{L}]/gu, '').slice(0, 3).toUpperCase()}-${this.context.runId.slice(-4)}-${this.placed}`,
    };
  }
}
