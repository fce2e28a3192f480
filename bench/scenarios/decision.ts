import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDispatcherApp } from '../../apps/dispatcher/src/dispatcher.app';
import { DispatchRun } from '../../apps/dispatcher/src/dispatch/dispatch-run.service';
import { DispatchSweep } from '../../apps/dispatcher/src/dispatch/dispatch-sweep.service';
import { SnapshotBuilder } from '../../apps/dispatcher/src/dispatch/snapshot-builder';
import { CooperativesRepository, DispatchStateRepository, Transactions, withDefaultSettings } from '@lib/database';
import { createPolicy, DEFAULT_ROLLING_HORIZON_CONFIG, DispatchPolicy, DispatchSnapshot, RollingHorizonPolicy, seededRng } from '@lib/dispatch-policy';
import { CourierPositions } from '@lib/positions';
import { squareArea, testConfig, VALENCE } from '@lib/testing';
import { createBenchDatabase } from '../support/bench-database';
import { elapsedMs, percentiles, Percentiles, round2 } from '../support/latency';
import { resultHeader, table, writeResult } from '../support/report';

export interface DecisionOptions {
  /** Couriers on shift in the co-op, one size after the other. */
  sizes: number[];
  /** Waiting orders the decision has to place. */
  orders: number;
  samples: number;
  warmup?: number;
  /** Samples of the policy without its nearest-k prefilter (every courier scored for every bundle), to show what it saves. */
  fullMatchingSamples?: number;
  resultsFolder?: string;
  command?: string;
}

export interface DecisionSize {
  couriers: number;
  waitingOrders: number;
  /** What the decision did (the same every sample: each one is rolled back). */
  offered: number;
  flagged: number;
  /** `DispatchRun.run(cooperativeId)`: lock, expire overdue, read, decide, offer, log, in one transaction. */
  runMs: Percentiles;
  /** Reading the state and building the snapshot (the four queries, `CourierPositions.all`, `SnapshotBuilder.build`). */
  snapshotMs: Percentiles;
  /** Baseline: the policy alone on the same snapshot (no I/O). */
  policyMs: Percentiles;
  /** run p50 / policy p50: what the production path adds around the pure decision. */
  ratioP50: number;
  /** The rolling-horizon policy without the prefilter on the same snapshot, and how many of its offers the prefiltered one also makes. */
  fullMatching?: { policyMs: Percentiles; offers: number; sameOffers: number };
}

export const DECISION_TARGET = { couriers: 1000, waitingOrders: 300, p99Ms: 250 };

class RolledBack extends Error {}

/**
 * The big co-op's decision (issue 20, scenario 4): one co-op with N couriers on shift (a fresh
 * position each, in Redis) and M waiting orders from 60 restaurants, decided by the real
 * `DispatchRun` of a booted dispatcher app. Each sample runs inside a transaction that is rolled
 * back, so every sample decides the same state (and no offer, outbox event or announcement
 * leaves it); the dispatcher's periodic sweep is stopped so that nothing else decides for the
 * co-op meanwhile. Baseline in the same run: the policy alone on the snapshot of that state.
 */
export async function runDecision(options: DecisionOptions) {
  const database = await createBenchDatabase();
  const config = testConfig(database.url, { LOG_LEVEL: 'silent', NODE_ENV: 'production' });
  const owner = new Client({ connectionString: database.url });
  await owner.connect();
  try {
    const app = await createDispatcherApp(config);
    await app.init();
    try {
      // The sweep asks for a decision in every co-op with waiting orders; it would decide (and commit) beside the bench.
      app.get(DispatchSweep).onApplicationShutdown();
      const run = app.get(DispatchRun);
      const transactions = app.get(Transactions);
      const positions = app.get(CourierPositions, { strict: false });
      const snapshotOf = snapshotReader(app.get(Transactions), app.get(CooperativesRepository, { strict: false }), app.get(DispatchStateRepository, { strict: false }), positions, app.get(SnapshotBuilder), config.env.POSITION_MAX_AGE_SECONDS);
      const policy = createPolicy(config.env.DISPATCH_POLICY);
      const sizes: DecisionSize[] = [];
      for (const couriers of options.sizes) {
        const seeded = await seed(owner, couriers, options.orders);
        // Couriers send a fix every few seconds: refreshed (untimed) before each sample, so none goes stale in a long run.
        const refreshPositions = async () => {
          const now = new Date();
          await Promise.all(seeded.courierIds.map((courierId, index) => positions.record(seeded.cooperativeId, courierId, { ...spread(index, 0.04), at: now, accuracy: 10, heading: null, speed: null })));
        };
        let outcome = { offered: 0, flagged: 0 };
        const decideRolledBack = async () => {
          await transactions
            .inTenant(seeded.cooperativeId, async () => {
              const result = await run.run(seeded.cooperativeId);
              outcome = { offered: result.offered, flagged: result.flagged };
              if (result.handedOver) throw new Error('the co-op was locked by someone else');
              throw new RolledBack();
            })
            .catch((error: unknown) => {
              if (!(error instanceof RolledBack)) throw error;
            });
        };
        let snapshot: DispatchSnapshot | undefined;
        const readSnapshot = async () => {
          snapshot = await snapshotOf(seeded.cooperativeId);
        };
        const decideAlone = async () => policy.decide(snapshot!, { rng: seededRng(Math.floor(snapshot!.now)) });
        for (let i = 0; i < (options.warmup ?? 2); i += 1) {
          await refreshPositions();
          await decideRolledBack();
          await readSnapshot();
          await decideAlone();
        }
        const runTimes: number[] = [];
        const snapshotTimes: number[] = [];
        const policyTimes: number[] = [];
        for (let i = 0; i < options.samples; i += 1) {
          await refreshPositions();
          runTimes.push(await time(decideRolledBack));
          snapshotTimes.push(await time(readSnapshot));
          policyTimes.push(await time(decideAlone));
        }
        const runMs = percentiles(runTimes);
        const policyMs = percentiles(policyTimes);
        const fullMatching = options.fullMatchingSamples && config.env.DISPATCH_POLICY === 'rolling-horizon' ? await compareFullMatching(snapshot!, options.fullMatchingSamples) : undefined;
        sizes.push({
          couriers: snapshot!.couriers.length,
          waitingOrders: snapshot!.orders.length,
          ...outcome,
          runMs,
          snapshotMs: percentiles(snapshotTimes),
          policyMs,
          ratioP50: round2(runMs.p50 / policyMs.p50),
          ...(fullMatching ? { fullMatching } : {}),
        });
      }
      const result = {
        ...resultHeader('decision', options.command ?? 'npm run bench:decision'),
        workload: {
          samples: options.samples,
          policy: config.env.DISPATCH_POLICY,
          orders: `${options.orders} pending orders from 60 restaurants within ±0.03° (≈ ±3 km), two thirds ready, a third ready within 15 min; dropoffs within ±0.04°`,
          couriers: 'on shift since 2 h, capacity 3, idle, two deliveries each today, a fresh position each in Redis (uniform within ±0.04°)',
          run: 'DispatchRun.run(cooperativeId) from the booted dispatcher app (createDispatcherApp, periodic sweep stopped), inside a transaction rolled back after each sample (so the commit itself is not timed)',
          snapshot: 'the same reads as DispatchRun (co-op, waiting, couriers on shift, held orders, CourierPositions.all) + SnapshotBuilder.build, in a transaction',
          baseline: 'policy.decide on the snapshot of the same state: the pure decision, no I/O',
          fullMatching: 'the rolling-horizon policy with the nearest-k prefilter off (prefilterAboveSlots: Infinity) on the same snapshot; sameOffers: its order → courier offers the production policy also makes',
        },
        target: DECISION_TARGET,
        sizes,
      };
      const path = writeResult('decision', result, options.resultsFolder);
      console.log(
        table(
          ['couriers', 'waiting', 'offered', 'run p50 ms', 'p99', 'snapshot p50', 'p99', 'policy p50', 'p99', 'run/policy p50', 'no prefilter p50', 'same offers', `target p99 < ${DECISION_TARGET.p99Ms} ms @1,000`],
          sizes.map((size) => [
            size.couriers, size.waitingOrders, size.offered, size.runMs.p50, size.runMs.p99, size.snapshotMs.p50, size.snapshotMs.p99, size.policyMs.p50, size.policyMs.p99, size.ratioP50,
            size.fullMatching?.policyMs.p50 ?? '', size.fullMatching ? `${size.fullMatching.sameOffers}/${size.fullMatching.offers}` : '',
            size.couriers === DECISION_TARGET.couriers ? (size.runMs.p99 < DECISION_TARGET.p99Ms ? 'met' : 'not met') : '',
          ]),
        ),
      );
      console.log(`written to ${path}`);
      return result;
    } finally {
      await app.close();
    }
  } finally {
    await owner.end();
    await database.drop();
  }
}

/** The policy without its prefilter on the same snapshot: its time, and how many of its offers (order → courier) the production policy makes too. */
async function compareFullMatching(snapshot: DispatchSnapshot, samples: number) {
  const production = createPolicy('rolling-horizon');
  const full: DispatchPolicy = new RollingHorizonPolicy({ ...DEFAULT_ROLLING_HORIZON_CONFIG, prefilterAboveSlots: Infinity });
  const offersOf = (policy: DispatchPolicy) =>
    new Set(policy.decide(snapshot, { rng: seededRng(Math.floor(snapshot.now)) }).assignments.flatMap((assignment) => assignment.newOrderIds.map((orderId) => `${orderId}>${assignment.courierId}`)));
  const times: number[] = [];
  let fullOffers = new Set<string>();
  for (let i = 0; i < samples; i += 1) times.push(await time(async () => (fullOffers = offersOf(full))));
  const ours = offersOf(production);
  return { policyMs: percentiles(times), offers: fullOffers.size, sameOffers: [...fullOffers].filter((offer) => ours.has(offer)).length };
}

/** The reads of one decision, as `DispatchRun` does them, turned into the policy's snapshot. */
function snapshotReader(transactions: Transactions, cooperatives: CooperativesRepository, state: DispatchStateRepository, positions: CourierPositions, builder: SnapshotBuilder, maxAgeSeconds: number) {
  return (cooperativeId: string) =>
    transactions.inTenant(cooperativeId, async () => {
      const cooperative = (await cooperatives.findById(cooperativeId))!;
      const now = new Date();
      const waiting = await state.waitingOrders();
      const couriers = await state.couriersOnShift(cooperative.timezone);
      const held = await state.heldOrders();
      const live = await positions.all(cooperativeId, maxAgeSeconds, now);
      return builder.build({ now, settings: withDefaultSettings(cooperative.settings), waiting, couriers, held, positions: live });
    });
}

async function time(operation: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await operation();
  return elapsedMs(started);
}

/** A deterministic scatter around Valence (golden-angle spiral): the same positions every run. */
function spread(index: number, halfSizeDeg: number): { lat: number; lng: number } {
  const angle = index * 2.399963;
  const radius = halfSizeDeg * Math.sqrt(((index * 7919) % 1000) / 1000);
  return { lat: VALENCE.lat + radius * Math.sin(angle), lng: VALENCE.lng + radius * Math.cos(angle) };
}

/** One co-op with `couriers` idle couriers on shift and `orders` pending orders from 60 restaurants, written directly. */
async function seed(owner: Client, couriers: number, orders: number): Promise<{ cooperativeId: string; courierIds: string[] }> {
  const tag = randomBytes(4).toString('hex');
  const area = JSON.stringify({ type: 'MultiPolygon', coordinates: [squareArea(VALENCE, 0.1).coordinates] });
  const { rows: [coop] } = await owner.query(
    `INSERT INTO cooperatives (name, slug, timezone, currency, service_area) VALUES ($1, $1, 'Europe/Paris', 'EUR', ST_GeomFromGeoJSON($2)::geography) RETURNING id`,
    [`bench-${tag}`, area],
  );
  const merchants = Array.from({ length: 60 }, (_, index) => spread(index * 17 + 5, 0.03));
  const { rows: merchantRows } = await owner.query(
    `INSERT INTO merchants (cooperative_id, name, address, location)
     SELECT $1, 'Restaurant ' || m.n, 'place ' || m.n, ST_SetSRID(ST_MakePoint(m.lng, m.lat), 4326)::geography
     FROM unnest($2::float8[], $3::float8[]) WITH ORDINALITY AS m(lng, lat, n) ORDER BY m.n RETURNING id, ST_X(location::geometry) AS lng, ST_Y(location::geometry) AS lat`,
    [coop.id, merchants.map((m) => m.lng), merchants.map((m) => m.lat)],
  );
  const { rows: courierRows } = await owner.query(
    `WITH u AS (INSERT INTO users (cooperative_id, email, password_hash, name, role)
                SELECT $1, 'courier' || g || '-' || $3 || '@bench.example', 'x', 'Courier ' || g, 'courier' FROM generate_series(1, $2) g RETURNING id)
     INSERT INTO couriers (cooperative_id, user_id, vehicle, capacity, on_shift, shift_started_at)
     SELECT $1, id, 'bike', 3, true, now() - interval '2 hours' FROM u RETURNING id`,
    [coop.id, couriers, tag],
  );
  const courierIds: string[] = courierRows.map((c) => c.id);
  await owner.query(`INSERT INTO courier_shifts (cooperative_id, courier_id, started_at) SELECT $1, c, now() - interval '2 hours' FROM unnest($2::uuid[]) c`, [coop.id, courierIds]);
  // Two deliveries each earlier today, so the fairness term has pay to even out (as in any co-op by lunchtime).
  const merchantIds: string[] = merchantRows.map((m) => m.id);
  const orderRow = (status: string) => `
    SELECT $1::uuid, ($2::uuid[])[1 + g % 60], CASE WHEN '${status}' = 'delivered' THEN ($3::uuid[])[1 + g % array_length($3::uuid[], 1)] END, '${status}',
      'place', ST_SetSRID(ST_MakePoint(($4::float8[])[1 + g % 60], ($5::float8[])[1 + g % 60]), 4326)::geography,
      'street ' || g, ST_SetSRID(ST_MakePoint(${VALENCE.lng} + ((g * 37) % 80 - 40) * 0.001, ${VALENCE.lat} + ((g * 53) % 80 - 40) * 0.001), 4326)::geography,
      ${status === 'delivered' ? `now() - interval '90 minutes'` : `now() + make_interval(mins => CASE WHEN g % 3 = 0 THEN (g % 15) ELSE -(g % 5) END)`},
      'S', 600, 'EUR', 2000, 'bench-${status}-' || $6 || '-' || g, 'bench',
      now() - make_interval(mins => 2 + g % 8)`;
  const insert = `INSERT INTO orders (cooperative_id, merchant_id, courier_id, status, pickup_address, pickup_location, dropoff_address, dropoff_location,
       ready_at, parcel_size, price_amount, price_currency, distance_meters, tracking_token, created_by, created_at)`;
  const parameters = [coop.id, merchantIds, courierIds, merchantRows.map((m) => m.lng), merchantRows.map((m) => m.lat), tag];
  await owner.query(`${insert} ${orderRow('delivered')} FROM generate_series(1, $7) g`, [...parameters, couriers * 2]);
  await owner.query(`${insert} ${orderRow('pending')} FROM generate_series(1, $7) g`, [...parameters, orders]);
  await owner.query(`INSERT INTO order_events (cooperative_id, order_id, status, actor) SELECT cooperative_id, id, status, 'bench' FROM orders WHERE cooperative_id = $1`, [coop.id]);
  await owner.query('ANALYZE');
  return { cooperativeId: coop.id, courierIds };
}
