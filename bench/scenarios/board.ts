import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import Redis from 'ioredis';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/api.app';
import { hashPassword } from '@lib/auth';
import { AppConfig } from '@lib/config';
import { CourierPositions } from '@lib/positions';
import { redisKey } from '@lib/queues';
import { squareArea, testConfig, VALENCE } from '@lib/testing';
import { createBenchDatabase } from '../support/bench-database';
import { percentiles, Percentiles, round2 } from '../support/latency';
import { resultHeader, table, writeResult } from '../support/report';

export interface BoardOptions {
  /** Active orders of the co-op, one size after the other. */
  sizes: number[];
  couriers: number;
  samples: number;
  resultsFolder?: string;
  command?: string;
}

export interface BoardSize {
  activeOrders: number;
  couriers: number;
  responseBytes: number;
  latencyMs: Percentiles;
  /** One plain SELECT of the same active orders with their coordinates + HGETALL of the live positions, serialised to JSON. */
  baselineMs: Percentiles;
  ratioP50: number;
}

export const BOARD_TARGET = { activeOrders: 1000, p50Ms: 300 };

const PASSWORD = 'bench-password';

/**
 * How fast GET /api/v1/dispatch/board answers for a busy co-op (100, 1,000, 5,000 active
 * orders, couriers on shift with live positions), through the real API app (in-process, as
 * before) on a real PostgreSQL and Redis, beside the plain reads it cannot do without.
 */
export async function runBoard(options: BoardOptions) {
  const database = await createBenchDatabase();
  const config = testConfig(database.url, { LOG_LEVEL: 'silent' });
  const redis = new Redis(config.env.REDIS_URL);
  const owner = new Client({ connectionString: database.url });
  await owner.connect();
  try {
    const app = await createApiApp(config);
    await app.init();
    try {
      const positions = app.get(CourierPositions, { strict: false });
      const passwordHash = await hashPassword(PASSWORD, config.env.BCRYPT_COST);
      const sizes: BoardSize[] = [];
      for (const orders of options.sizes) {
        const { cooperativeId, courierIds, email } = await seed(owner, orders, options.couriers, passwordHash);
        for (const [index, courierId] of courierIds.entries()) {
          await positions.record(cooperativeId, courierId, { lat: VALENCE.lat + (index % 20) * 0.001, lng: VALENCE.lng + (index % 15) * 0.001, at: new Date(), accuracy: 10, heading: null, speed: null });
        }
        const http = request(app.getHttpServer());
        const login = await http.post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
        const auth = { Authorization: `Bearer ${login.body.accessToken}` };
        const first = await http.get('/api/v1/dispatch/board').set(auth).expect(200);
        const board = () => http.get('/api/v1/dispatch/board').set(auth).expect(200);
        const baseline = () => plainReads(owner, redis, config, cooperativeId);
        await baseline();
        const apiTimes: number[] = [];
        const baseTimes: number[] = [];
        for (let i = 0; i < options.samples; i += 1) {
          apiTimes.push(await time(board));
          baseTimes.push(await time(baseline));
        }
        const latencyMs = percentiles(apiTimes);
        const baselineMs = percentiles(baseTimes);
        sizes.push({ activeOrders: first.body.orders.length, couriers: first.body.couriers.length, responseBytes: Buffer.byteLength(first.text), latencyMs, baselineMs, ratioP50: round2(latencyMs.p50 / baselineMs.p50) });
      }
      const result = {
        ...resultHeader('board', options.command ?? 'npm run bench:board'),
        workload: {
          samples: options.samples,
          orders: 'a third pending, a third assigned, a third picked up; couriers on shift with a fresh live position',
          api: 'GET /api/v1/dispatch/board as the co-op dispatcher, in-process API app (supertest, a new connection per request)',
          baseline: 'SELECT of the same active orders (ids, statuses, holder, addresses, coordinates) as the owner + HGETALL of the live positions, JSON.stringify',
        },
        target: BOARD_TARGET,
        sizes,
      };
      const path = writeResult('board', result, options.resultsFolder);
      console.log(
        table(
          ['active orders', 'couriers', 'bytes', 'board p50 ms', 'p90', 'p99', 'baseline p50', 'p99', 'ratio p50', `target < ${BOARD_TARGET.p50Ms} ms @1,000`],
          sizes.map((size) => [
            size.activeOrders, size.couriers, size.responseBytes, size.latencyMs.p50, size.latencyMs.p90, size.latencyMs.p99, size.baselineMs.p50, size.baselineMs.p99, size.ratioP50,
            size.activeOrders === BOARD_TARGET.activeOrders ? (size.latencyMs.p50 < BOARD_TARGET.p50Ms ? 'met' : 'not met') : '',
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
    redis.disconnect();
    await database.drop();
  }
}

async function time(operation: () => PromiseLike<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await operation();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function plainReads(owner: Client, redis: Redis, config: AppConfig, cooperativeId: string): Promise<string> {
  const { rows } = await owner.query(
    `SELECT id, status, courier_id, pickup_address, dropoff_address, ready_at, created_at,
       ST_Y(pickup_location::geometry) AS pickup_lat, ST_X(pickup_location::geometry) AS pickup_lng,
       ST_Y(dropoff_location::geometry) AS dropoff_lat, ST_X(dropoff_location::geometry) AS dropoff_lng
     FROM orders WHERE cooperative_id = $1 AND status IN ('pending', 'offered', 'assigned', 'picked_up') ORDER BY created_at`,
    [cooperativeId],
  );
  const fixes = await redis.hgetall(`${redisKey(config, 'pos', `{${cooperativeId}}`)}:fix`);
  return JSON.stringify({ orders: rows, couriers: Object.entries(fixes).map(([id, json]) => ({ id, ...JSON.parse(json) })) });
}

/** One co-op with `orders` active orders (a third waiting, the rest held) and `couriers` couriers on shift, written directly. */
async function seed(owner: Client, orders: number, couriers: number, passwordHash: string): Promise<{ cooperativeId: string; courierIds: string[]; email: string }> {
  const tag = randomBytes(4).toString('hex');
  const area = JSON.stringify({ type: 'MultiPolygon', coordinates: [squareArea(VALENCE).coordinates] });
  const { rows: [coop] } = await owner.query(
    `INSERT INTO cooperatives (name, slug, timezone, currency, service_area) VALUES ($1, $1, 'Europe/Paris', 'EUR', ST_GeomFromGeoJSON($2)::geography) RETURNING id`,
    [`bench-${tag}`, area],
  );
  const { rows: [merchant] } = await owner.query(
    `INSERT INTO merchants (cooperative_id, name, address, location) VALUES ($1, 'Bistro', 'place', ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) RETURNING id`,
    [coop.id, VALENCE.lng, VALENCE.lat],
  );
  const { rows: courierRows } = await owner.query(
    `WITH u AS (INSERT INTO users (cooperative_id, email, password_hash, name, role)
                SELECT $1, 'courier' || g || '-' || $4 || '@bench.example', $2, 'Courier ' || g, 'courier' FROM generate_series(1, $3) g RETURNING id)
     INSERT INTO couriers (cooperative_id, user_id, vehicle, capacity, on_shift, shift_started_at)
     SELECT $1, id, 'bike', 3, true, now() FROM u RETURNING id`,
    [coop.id, passwordHash, couriers, tag],
  );
  await owner.query(
    `INSERT INTO orders (cooperative_id, merchant_id, courier_id, status, pickup_address, pickup_location, dropoff_address, dropoff_location,
       ready_at, parcel_size, price_amount, price_currency, distance_meters, tracking_token, created_by)
     SELECT $1, $2,
       CASE WHEN g % 3 = 0 THEN NULL ELSE ($3::uuid[])[1 + g % array_length($3::uuid[], 1)] END,
       CASE WHEN g % 3 = 0 THEN 'pending' WHEN g % 3 = 1 THEN 'assigned' ELSE 'picked_up' END,
       'place', ST_SetSRID(ST_MakePoint($4, $5), 4326)::geography,
       'street ' || g, ST_SetSRID(ST_MakePoint($4 + (random() - 0.5) * 0.05, $5 + (random() - 0.5) * 0.05), 4326)::geography,
       now(), 'S', 600, 'EUR', 2000, 'bench-' || $7 || '-' || g, 'bench'
     FROM generate_series(1, $6) g`,
    [coop.id, merchant.id, courierRows.map((c) => c.id), VALENCE.lng, VALENCE.lat, orders, tag],
  );
  await owner.query(`INSERT INTO order_events (cooperative_id, order_id, status, actor) SELECT cooperative_id, id, 'pending', 'bench' FROM orders WHERE cooperative_id = $1`, [coop.id]);
  const email = `dispatcher-${tag}@bench.example`;
  await owner.query(`INSERT INTO users (cooperative_id, email, password_hash, name, role) VALUES ($1, $2, $3, 'Dispatcher', 'dispatcher')`, [coop.id, email, passwordHash]);
  return { cooperativeId: coop.id, courierIds: courierRows.map((c) => c.id), email };
}
