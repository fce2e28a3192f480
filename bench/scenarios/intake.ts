import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { orderBody, VALENCE } from '@lib/testing';
import { createBenchDatabase } from '../support/bench-database';
import { BenchProcess, benchEnvironment, ProcessTestApi } from '../support/built-process';
import { closedLoop, LoadFigures, round2 } from '../support/latency';
import { resultHeader, table, writeResult } from '../support/report';

export interface IntakeOptions {
  /** Concurrent clients, one level after the other. */
  clients: number[];
  /** Seconds of load per level (API and baseline each). */
  seconds: number;
  warmupSeconds: number;
  /** Where `intake.json` goes (bench/results by default). */
  resultsFolder?: string;
  command?: string;
}

export interface IntakeLevel {
  clients: number;
  api: LoadFigures;
  baseline: LoadFigures;
  /** API orders/s over baseline operations/s. */
  ratio: number;
  /** CPU the API process spent per order (user + system): holds on a busy machine, unlike the rate. */
  apiCpuMsPerOrder: number;
  /** Cores the API process kept busy while taking orders. */
  apiCores: number;
}

/** What the issue asks of intake at 32 clients. */
export const INTAKE_TARGETS = { clients: 32, ordersPerSecond: 1000, ratioOfBaseline: 0.4, p99Ms: 50, errors: 0 };

/** The same pool size as the API's default (DATABASE_POOL_SIZE): the baseline gets no more connections than the API has. */
const BASELINE_POOL_SIZE = 10;

/**
 * Orders through the real API (the built process, production settings but a raised rate
 * limit) from a merchant's API key, at each number of concurrent keep-alive clients; then,
 * at the same concurrency and the same way, the floor under it: one plain INSERT of the same
 * order row (geography columns included, the same table, as the owner) and one XADD of the
 * same data.
 */
export async function runIntake(options: IntakeOptions) {
  const database = await createBenchDatabase();
  const env = benchEnvironment(database.url, { RATE_LIMIT_PER_MINUTE: '100000000' });
  const pool = new Pool({ connectionString: database.url, max: BASELINE_POOL_SIZE });
  const redis = new Redis(env.REDIS_URL, { lazyConnect: true });
  const stream = `${env.REDIS_PREFIX}:bench:intake`;
  let api: BenchProcess | undefined;
  try {
    api = await BenchProcess.start('api', env);
    const setup = new ProcessTestApi(api.url, env);
    const coop = await setup.newCooperative(VALENCE);
    const apiKey: string = (await setup.http.post(`/api/v1/merchants/${coop.merchant.id}/api-keys`).set(coop.admin.auth).expect(201)).body.key;
    const body = JSON.stringify(orderBody(VALENCE));
    const url = new URL('/api/v1/orders', api.url);

    const placeOrder = (agent: Agent) => () =>
      new Promise<boolean>((resolve, reject) => {
        const req = request(
          url,
          { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-api-key': apiKey, 'idempotency-key': randomUUID() } },
          (res) => {
            res.resume();
            res.on('end', () => (res.statusCode === 201 ? resolve(true) : reject(new Error(`HTTP ${res.statusCode}`))));
          },
        );
        req.on('error', reject);
        req.end(body);
      });

    // The row the baseline writes: the one the API stored for the same body.
    const first = await placeOrder(new Agent({ keepAlive: false }))();
    if (!first) throw new Error('the first order was refused');
    const { rows: [row] } = await pool.query(`
      SELECT cooperative_id, merchant_id, pickup_address, ST_X(pickup_location::geometry) AS pickup_lng, ST_Y(pickup_location::geometry) AS pickup_lat,
        pickup_contact_name, pickup_phone, pickup_notes, dropoff_address, ST_X(dropoff_location::geometry) AS dropoff_lng, ST_Y(dropoff_location::geometry) AS dropoff_lat,
        dropoff_contact_name, dropoff_phone, dropoff_notes, parcel_size, parcel_weight_kg, reference, price_amount, price_currency, distance_meters, created_by
      FROM orders LIMIT 1`);
    const insert = `
      INSERT INTO orders (cooperative_id, merchant_id, pickup_address, pickup_location, pickup_contact_name, pickup_phone, pickup_notes,
        dropoff_address, dropoff_location, dropoff_contact_name, dropoff_phone, dropoff_notes, ready_at, parcel_size, parcel_weight_kg,
        reference, price_amount, price_currency, distance_meters, tracking_token, created_by)
      VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326)::geography, $6, $7, $8, $9, ST_SetSRID(ST_MakePoint($10, $11), 4326)::geography,
        $12, $13, $14, now(), $15, $16, $17, $18, $19, $20, $21, $22)
      RETURNING id, tracking_token, created_at`;
    const values = () => [
      row.cooperative_id, row.merchant_id, row.pickup_address, row.pickup_lng, row.pickup_lat, row.pickup_contact_name, row.pickup_phone, row.pickup_notes,
      row.dropoff_address, row.dropoff_lng, row.dropoff_lat, row.dropoff_contact_name, row.dropoff_phone, row.dropoff_notes, row.parcel_size,
      row.parcel_weight_kg, row.reference, row.price_amount, row.price_currency, row.distance_meters, randomBytes(16).toString('base64url'), row.created_by,
    ];
    await redis.connect();
    const baselineOperation = async () => {
      const { rows: [stored] } = await pool.query(insert, values());
      await redis.xadd(stream, 'MAXLEN', '~', '100000', '*', 'orderId', stored.id, 'body', body);
      return true;
    };

    const warmup = new Agent({ keepAlive: true, maxSockets: 8 });
    await closedLoop(8, options.warmupSeconds, placeOrder(warmup));
    warmup.destroy();
    await closedLoop(8, options.warmupSeconds, baselineOperation);

    const levels: IntakeLevel[] = [];
    for (const clients of options.clients) {
      const agent = new Agent({ keepAlive: true, maxSockets: clients });
      const cpuBefore = api.cpuSeconds();
      const apiFigures = await closedLoop(clients, options.seconds, placeOrder(agent));
      const cpuSeconds = api.cpuSeconds() - cpuBefore;
      agent.destroy();
      const baseline = await closedLoop(clients, options.seconds, baselineOperation);
      levels.push({
        clients,
        api: apiFigures,
        baseline,
        ratio: round2(apiFigures.perSecond / Math.max(1, baseline.perSecond)),
        apiCpuMsPerOrder: round2((cpuSeconds * 1000) / Math.max(1, apiFigures.operations)),
        apiCores: round2(cpuSeconds / options.seconds),
      });
    }

    const result = {
      ...resultHeader('intake', options.command ?? 'npm run bench:intake'),
      workload: {
        secondsPerLevel: options.seconds,
        warmupSeconds: options.warmupSeconds,
        api: 'POST /api/v1/orders with X-Api-Key and a fresh Idempotency-Key, node:http keep-alive agent, built API process (NODE_ENV=production, default LOG_LEVEL info to a file, RATE_LIMIT_PER_MINUTE raised), no dispatcher running',
        baseline: `INSERT of the same order row into orders (PostGIS geography points) as the owner, pool of ${BASELINE_POOL_SIZE} like the API's, then XADD of the same body`,
      },
      targets: INTAKE_TARGETS,
      levels,
    };
    const path = writeResult('intake', result, options.resultsFolder);
    console.log(intakeTable(levels));
    console.log(`targets at ${INTAKE_TARGETS.clients} clients: >= ${INTAKE_TARGETS.ordersPerSecond} orders/s, >= ${INTAKE_TARGETS.ratioOfBaseline * 100} % of baseline, p99 < ${INTAKE_TARGETS.p99Ms} ms, no errors`);
    console.log(`written to ${path}`);
    return result;
  } finally {
    await redis.del(stream).catch(() => undefined);
    redis.disconnect();
    await pool.end();
    await api?.stop();
    await database.drop();
  }
}

function intakeTable(levels: IntakeLevel[]): string {
  const met = (level: IntakeLevel) => {
    if (level.clients !== INTAKE_TARGETS.clients) return '';
    const checks = [
      level.api.perSecond >= INTAKE_TARGETS.ordersPerSecond,
      level.ratio >= INTAKE_TARGETS.ratioOfBaseline,
      level.api.latencyMs.p99 < INTAKE_TARGETS.p99Ms,
      level.api.errors === INTAKE_TARGETS.errors,
    ];
    return checks.every(Boolean) ? 'met' : `not met (${['rate', 'ratio', 'p99', 'errors'].filter((_, i) => !checks[i]).join(', ')})`;
  };
  return table(
    ['clients', 'API orders/s', 'p50 ms', 'p99 ms', 'errors', 'API CPU ms/order', 'API cores', 'baseline ops/s', 'base p50', 'base p99', 'API/baseline', 'target (32 clients)'],
    levels.map((level) => [
      level.clients, level.api.perSecond, level.api.latencyMs.p50, level.api.latencyMs.p99, level.api.errors, level.apiCpuMsPerOrder, level.apiCores,
      level.baseline.perSecond, level.baseline.latencyMs.p50, level.baseline.latencyMs.p99, `${Math.round(level.ratio * 100)} %`, met(level),
    ]),
  );
}
