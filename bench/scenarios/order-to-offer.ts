import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import { Tokens } from '@lib/auth';
import { AppConfig } from '@lib/config';
import type { LatLng } from '@lib/geo';
import { orderBody, VALENCE } from '@lib/testing';
import type { OfferEvent } from '@lib/wire';
import { createBenchDatabase } from '../support/bench-database';
import { BenchProcess, benchEnvironment, ProcessName, ProcessTestApi } from '../support/built-process';
import { percentiles, Percentiles, round2 } from '../support/latency';
import { resultHeader, table, writeResult } from '../support/report';
import { insertCouriersOnShift } from '../support/seed-couriers';
import { connectAll } from '../support/sockets';

export interface OrderToOfferOptions {
  cooperatives: number;
  couriersPerCooperative: number;
  /** Orders placed per second across all co-ops, open loop (a slow answer does not slow the arrivals). */
  ordersPerSecond: number;
  seconds: number;
  warmupSeconds: number;
  /** Each courier reports a position this often, moving a little each time. */
  positionIntervalSeconds: number;
  /** Orders placed one at a time before the load, for the quiet floor. */
  quietOrders: number;
  /** A courier picks an accepted order up and delivers it this long after accepting. */
  rideSeconds: number;
  /** How often each process's resident memory is read. */
  memorySampleSeconds: number;
  /** Settings of the processes beyond the bench's own (e.g. DISPATCH_CONCURRENCY), to compare. */
  processEnv?: Record<string, string>;
  /** The result file's name: `order-to-offer`, or `memory` for the ten-minute run. */
  name?: string;
  resultsFolder?: string;
  command?: string;
}

export const ORDER_TO_OFFER_TARGET = { ordersPerSecond: 50, cooperatives: 20, couriers: 2000, p99Ms: 250 };

/** How long after the window an order may still get its first offer before it counts as not offered. */
const OFFER_GRACE_MS = 15_000;
/** The co-ops' offer timeout (the default setting). */
const OFFER_TIMEOUT_MS = 60_000;
const SIGNED = JSON.stringify({ proof: { type: 'signature', value: 'signed at the door' } });

interface MemorySeries {
  process: ProcessName;
  /** [seconds since the load began, resident MB]. */
  samples: [number, number][];
  startMb: number;
  endMb: number;
  maxMb: number;
  /** Least-squares slope over the second half of the run: what is still growing once warm. */
  secondHalfGrowthMbPerMinute: number;
  cpuCores: number;
}

/**
 * Issue 20, scenarios 2 and 7: orders at a steady rate into many co-ops whose couriers are on
 * shift, moving and connected to the gateway; each courier accepts what it is offered, as a
 * busy evening would go. Measures, from the merchant's `201` to the `offer` on the courier's
 * socket, the latency of every order placed in the window; beside it the same latency for
 * orders placed one at a time into the quiet system (the floor), and each process's CPU and
 * resident memory over the run (run it for ten minutes to see whether memory grows).
 */
export async function runOrderToOffer(options: OrderToOfferOptions) {
  const database = await createBenchDatabase();
  const env = benchEnvironment(database.url, { RATE_LIMIT_PER_MINUTE: '100000000', HANDSHAKES_PER_MINUTE: '100000000', ...options.processEnv });
  const tokens = new Tokens(AppConfig.fromEnvironment(env));
  const processes: BenchProcess[] = [];
  const couriers: Socket[] = [];
  // Merchants share a pool of connections; each courier's phone has its own, as in the street
  // (one shared pool of 64 queued the couriers' answers behind each other: offers expired unanswered).
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const phones = new Agent({ keepAlive: true, maxSockets: Infinity });
  const rides: NodeJS.Timeout[] = [];
  try {
    for (const name of ['api', 'tracking', 'dispatcher'] as const) processes.push(await BenchProcess.start(name, env));
    const [api, tracking] = processes;
    const coops = await seedCooperatives(new ProcessTestApi(api.url, env), database.url, options);

    const firstOfferAt = new Map<string, number>();
    const offerAges: number[] = [];
    const acceptLatencies: number[] = [];
    const accepts = { ok: 0, refused: 0, delivered: 0, refusals: {} as Record<string, number> };
    const openCourier = (coop: SeededCooperative, courier: SeededCooperative['couriers'][number]) => {
      const token = tokens.issue({ role: 'courier', cooperativeId: coop.id, userId: courier.userId, courierId: courier.courierId, name: 'Courier' });
      const socket = io(`${tracking.url}/courier`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      socket.on('offer', (offer: OfferEvent) => {
        if (!firstOfferAt.has(offer.orderId)) firstOfferAt.set(offer.orderId, Date.now());
        // How old the offer was when it reached the courier: the co-op's timeout (60 s, the default) less the time it had left.
        offerAges.push(OFFER_TIMEOUT_MS - (Date.parse(offer.expiresAt) - Date.now()));
        const acceptSent = Date.now();
        const auth = { authorization: `Bearer ${token}` };
        post(api.url, `/api/v1/offers/${offer.offerId}/accept`, auth, '', phones, true).then(
          (answer) => {
            if (answer.status >= 300) {
              accepts.refused += 1;
              const why = `${answer.status} ${answer.detail ?? ''}`;
              accepts.refusals[why] = (accepts.refusals[why] ?? 0) + 1;
              return;
            }
            accepts.ok += 1;
            acceptLatencies.push(answer.at - acceptSent);
            // The ride itself: picked up and delivered a while later, so couriers have room again on a long run.
            rides.push(
              setTimeout(() => {
                post(api.url, `/api/v1/orders/${offer.orderId}/pickup`, auth, '{}', phones)
                  .then(() => post(api.url, `/api/v1/orders/${offer.orderId}/deliver`, auth, SIGNED, phones))
                  .then(
                    (delivered) => delivered.status < 300 && (accepts.delivered += 1),
                    () => undefined, // the run ended under it: not counted
                  );
              }, options.rideSeconds * 1000),
            );
          },
          () => (accepts.refused += 1),
        );
      });
      return socket;
    };
    const everyCourier = coops.flatMap((coop) => coop.couriers.map((courier) => ({ coop, courier })));
    couriers.push(...(await connectAll(everyCourier.length, (index) => openCourier(everyCourier[index].coop, everyCourier[index].courier))));
    const mover = new CourierMover(
      couriers,
      coops.flatMap((coop) => coop.couriers.map(() => coop.center)),
      options.positionIntervalSeconds,
    );
    mover.start();
    await sleep(options.positionIntervalSeconds * 1000 + 500); // every courier has a position

    const placeOrder = (coop: SeededCooperative) => post(api.url, '/api/v1/orders', { 'x-api-key': coop.apiKey, 'idempotency-key': randomUUID() }, coop.body, agent, true);

    // The floor: one order at a time into the quiet system.
    const quiet: number[] = [];
    for (let i = 0; i < options.quietOrders; i += 1) {
      const placed = await placeOrder(coops[i % coops.length]);
      const offeredAt = await waitFor(() => firstOfferAt.get(placed.orderId!), 10_000);
      if (offeredAt !== undefined) quiet.push(Math.max(0, offeredAt - placed.at));
    }

    const memory = new MemoryRecorder(processes, options.memorySampleSeconds);
    memory.start();
    const ownCpu = process.cpuUsage();
    const load = await openLoop(options, coops, placeOrder);
    const loadGenerator = process.cpuUsage(ownCpu);
    const graceEnds = Date.now() + OFFER_GRACE_MS;
    while (Date.now() < graceEnds && load.placed.some((order) => !firstOfferAt.has(order.orderId))) await sleep(100);
    const series = memory.stop();
    mover.stop();

    const latencies: number[] = [];
    let offeredBefore201 = 0;
    for (const order of load.placed) {
      const offeredAt = firstOfferAt.get(order.orderId);
      if (offeredAt === undefined) continue;
      if (offeredAt < order.at) offeredBefore201 += 1;
      latencies.push(Math.max(0, offeredAt - order.at));
    }
    const result = {
      ...resultHeader(options.name ?? 'order-to-offer', options.command ?? 'npm run bench:order-to-offer'),
      workload: {
        cooperatives: options.cooperatives,
        couriersPerCooperative: options.couriersPerCooperative,
        ordersPerSecond: options.ordersPerSecond,
        seconds: options.seconds,
        warmupSeconds: options.warmupSeconds,
        positionIntervalSeconds: options.positionIntervalSeconds,
        processes: 'one built api, tracking and dispatcher process each (NODE_ENV=production, logs at info to a file, rate and handshake limits raised)',
        processEnv: options.processEnv ?? {},
        couriers: 'one socket.io-client socket each on the gateway, a position every positionIntervalSeconds drifting around its co-op, accepting every offer at once over HTTP, then picking the order up and delivering it (signature) rideSeconds later',
        orders: 'POST /api/v1/orders with the co-op merchant\'s API key and an Idempotency-Key, round robin over the co-ops, open loop',
        latency: 'from the 201 reaching the merchant to the first `offer` event for that order reaching a courier socket (0 when the offer came first)',
        baseline: 'quiet: the same latency for orders placed one at a time before the load',
      },
      target: ORDER_TO_OFFER_TARGET,
      quiet: { orders: quiet.length, latencyMs: percentiles(quiet) },
      load: {
        placed: load.placed.length,
        placedPerSecond: round2(load.placed.length / options.seconds),
        errors: load.errors,
        firstError: load.firstError,
        offered: latencies.length,
        notOfferedWithin15s: load.placed.length - latencies.length,
        offeredBefore201,
        accepted: accepts.ok,
        acceptsRefused: accepts.refused,
        refusals: accepts.refusals,
        offerAgeAtArrivalMs: percentiles(offerAges),
        acceptLatencyMs: percentiles(acceptLatencies),
        dispatcherMetrics: await dispatcherFigures(processes[2]),
        delivered: accepts.delivered,
        loadGeneratorCores: round2((loadGenerator.user + loadGenerator.system) / 1e6 / options.seconds),
        latencyMs: percentiles(latencies),
      },
      processes: series,
    };
    const path = writeResult(options.name ?? 'order-to-offer', result, options.resultsFolder);
    console.log(orderToOfferTable(result.quiet.latencyMs, result.load));
    console.log(table(['process', 'cores', 'RSS start MB', 'end MB', 'max MB', 'growth MB/min (2nd half)'], series.map((s) => [s.process, s.cpuCores, s.startMb, s.endMb, s.maxMb, s.secondHalfGrowthMbPerMinute])));
    console.log(`written to ${path}`);
    return result;
  } finally {
    for (const ride of rides) clearTimeout(ride);
    agent.destroy();
    phones.destroy();
    for (const socket of couriers) socket.disconnect();
    for (const child of processes.reverse()) await child.stop();
    await database.drop();
  }
}

function orderToOfferTable(quiet: Percentiles, load: { placed: number; placedPerSecond: number; errors: number; offered: number; notOfferedWithin15s: number; latencyMs: Percentiles }): string {
  const met = load.latencyMs.p99 < ORDER_TO_OFFER_TARGET.p99Ms && load.notOfferedWithin15s === 0 && load.errors === 0 ? 'met' : 'not met';
  return table(
    ['placed', 'orders/s', 'errors', 'offered', 'not offered', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'quiet p50', 'quiet p99', `target p99 < ${ORDER_TO_OFFER_TARGET.p99Ms} ms`],
    [[load.placed, load.placedPerSecond, load.errors, load.offered, load.notOfferedWithin15s, load.latencyMs.p50, load.latencyMs.p90, load.latencyMs.p99, load.latencyMs.max, quiet.p50, quiet.p99, met]],
  );
}

interface SeededCooperative {
  id: string;
  center: LatLng;
  apiKey: string;
  body: string;
  couriers: { courierId: string; userId: string }[];
}

/** Co-ops 10 km apart through the API (admin, merchant, API key), their couriers straight into the database. */
async function seedCooperatives(setup: ProcessTestApi, databaseUrl: string, options: OrderToOfferOptions): Promise<SeededCooperative[]> {
  const owner = new Client({ connectionString: databaseUrl });
  await owner.connect();
  try {
    const coops: SeededCooperative[] = [];
    for (let i = 0; i < options.cooperatives; i += 1) {
      const center = { lat: VALENCE.lat + 0.1 * i, lng: VALENCE.lng };
      const coop = await setup.newCooperative(center);
      const apiKey: string = (await setup.http.post(`/api/v1/merchants/${coop.merchant.id}/api-keys`).set(coop.admin.auth).expect(201)).body.key;
      const couriers = await insertCouriersOnShift(owner, coop.cooperative.id, options.couriersPerCooperative, randomBytes(4).toString('hex'));
      coops.push({ id: coop.cooperative.id, center, apiKey, body: JSON.stringify(orderBody(center)), couriers });
    }
    return coops;
  } finally {
    await owner.end();
  }
}

/** Places orders at a steady rate, round robin over the co-ops, without waiting for answers. */
async function openLoop(options: OrderToOfferOptions, coops: SeededCooperative[], placeOrder: (coop: SeededCooperative) => Promise<{ orderId?: string; at: number; status: number }>) {
  const placed: { orderId: string; at: number }[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const pending: Promise<void>[] = [];
  const total = Math.round(options.ordersPerSecond * (options.warmupSeconds + options.seconds));
  const windowFrom = Math.round(options.ordersPerSecond * options.warmupSeconds);
  const started = Date.now();
  for (let n = 0; n < total; n += 1) {
    const due = started + (n * 1000) / options.ordersPerSecond;
    if (due > Date.now()) await sleep(due - Date.now());
    const counted = n >= windowFrom;
    pending.push(
      placeOrder(coops[n % coops.length]).then(
        (answer) => {
          if (answer.status === 201 && answer.orderId) {
            if (counted) placed.push({ orderId: answer.orderId, at: answer.at });
          } else if (counted) {
            errors += 1;
            firstError ??= `HTTP ${answer.status}`;
          }
        },
        (error: Error) => {
          if (!counted) return;
          errors += 1;
          firstError ??= error.message;
        },
      ),
    );
  }
  await Promise.all(pending);
  return { placed, errors, firstError };
}

/** Each courier reports a position every interval at its own phase, drifting around its co-op's centre. */
class CourierMover {
  private timers: NodeJS.Timeout[] = [];
  private readonly offsets: { lat: number; lng: number }[];

  constructor(
    private readonly sockets: Socket[],
    private readonly centers: LatLng[],
    private readonly intervalSeconds: number,
  ) {
    this.offsets = sockets.map(() => ({ lat: (Math.random() - 0.5) * 0.04, lng: (Math.random() - 0.5) * 0.04 }));
  }

  start(): void {
    const period = this.intervalSeconds * 1000;
    this.sockets.forEach((socket, index) => {
      const send = () => {
        const offset = this.offsets[index];
        offset.lat = clamp(offset.lat + (Math.random() - 0.5) * 0.001, 0.02);
        offset.lng = clamp(offset.lng + (Math.random() - 0.5) * 0.001, 0.02);
        const center = this.centers[index];
        socket.emit('location', { lat: center.lat + offset.lat, lng: center.lng + offset.lng, accuracy: 10, at: Date.now() }, () => undefined);
      };
      send();
      this.timers.push(setTimeout(() => this.timers.push(setInterval(send, period)), Math.random() * period));
    });
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }
}

/** Resident memory of each process every few seconds, and its CPU over the same span. */
class MemoryRecorder {
  private timer?: NodeJS.Timeout;
  private started = 0;
  private readonly samples = new Map<BenchProcess, [number, number][]>();
  private readonly cpuAtStart = new Map<BenchProcess, number>();

  constructor(
    private readonly processes: BenchProcess[],
    private readonly everySeconds: number,
  ) {}

  start(): void {
    this.started = Date.now();
    for (const child of this.processes) {
      this.samples.set(child, []);
      this.cpuAtStart.set(child, child.cpuSeconds());
    }
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everySeconds * 1000);
  }

  stop(): MemorySeries[] {
    clearInterval(this.timer);
    this.sample();
    const elapsed = (Date.now() - this.started) / 1000;
    return this.processes.map((child) => {
      const samples = this.samples.get(child)!;
      const mbs = samples.map(([, mb]) => mb);
      return {
        process: child.name,
        samples,
        startMb: mbs[0],
        endMb: mbs[mbs.length - 1],
        maxMb: Math.max(...mbs),
        secondHalfGrowthMbPerMinute: round2(slope(samples.filter(([at]) => at >= elapsed / 2)) * 60),
        cpuCores: round2((child.cpuSeconds() - this.cpuAtStart.get(child)!) / elapsed),
      };
    });
  }

  private sample(): void {
    const at = round2((Date.now() - this.started) / 1000);
    for (const child of this.processes) this.samples.get(child)!.push([at, round2(child.residentBytes() / 2 ** 20)]);
  }
}

/** Least-squares slope of y over x (per second here); 0 with fewer than two points. */
function slope(points: [number, number][]): number {
  if (points.length < 2) return 0;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return variance === 0 ? 0 : covariance / variance;
}

/** One HTTP POST; resolves with its status, the answer's time and, when read, the created id or the problem's detail. */
function post(baseUrl: string, path: string, headers: Record<string, string>, body: string, agent: Agent, readBody = false): Promise<{ status: number; at: number; orderId?: string; detail?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => readBody && chunks.push(chunk));
      res.on('end', () => {
        const at = Date.now();
        const answer = readBody && chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: string; detail?: string }) : {};
        resolve({ status: res.statusCode ?? 0, at, orderId: res.statusCode === 201 ? answer.id : undefined, detail: answer.detail });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function waitFor<T>(read: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = read();
    if (value !== undefined) return value;
    await sleep(5);
  }
  return undefined;
}

const clamp = (value: number, limit: number) => Math.max(-limit, Math.min(limit, value));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The dispatcher's own view of the run: decision time and how long jobs waited, from its /metrics. */
async function dispatcherFigures(dispatcher: BenchProcess): Promise<Record<string, number>> {
  const text = await (await fetch(`${dispatcher.url}/metrics`)).text();
  const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
  const decisions = value(/^dispatch_decision_seconds_count (\S+)$/m);
  const waits = value(/^bullmq_job_wait_seconds_count\{queue="dispatch"\} (\S+)$/m);
  return {
    decisions,
    decisionMeanMs: round2((value(/^dispatch_decision_seconds_sum (\S+)$/m) / decisions) * 1000),
    dispatchJobs: waits,
    dispatchJobWaitMeanMs: round2((value(/^bullmq_job_wait_seconds_sum\{queue="dispatch"\} (\S+)$/m) / waits) * 1000),
  };
}
