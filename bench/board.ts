/**
 * `npm run bench:board`: how fast the dispatch board answers for a busy co-op (1,000 active
 * orders, 300 couriers on shift with live positions), through the real API app on a real
 * PostgreSQL and Redis. Writes bench/results/board.json with the command, commit and machine.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/api.app';
import { AppConfig } from '@lib/config';
import { runMigrations } from '@lib/database';
import { CourierPositions } from '@lib/positions';
import { databaseUrl, squareArea, testConfig, VALENCE, withServerClient } from '@lib/testing';
import { gitCommit, machineInfo } from './quality/machine-info';

const ORDERS = 1000;
const COURIERS = 300;
const SAMPLES = 40;

async function seed(url: string, config: AppConfig): Promise<{ cooperativeId: string; courierIds: string[] }> {
  const owner = new Client({ connectionString: url });
  await owner.connect();
  try {
    const area = JSON.stringify({ type: 'MultiPolygon', coordinates: [squareArea(VALENCE).coordinates] });
    const { rows: [coop] } = await owner.query(
      `INSERT INTO cooperatives (name, slug, timezone, currency, service_area) VALUES ('Bench', 'bench', 'Europe/Paris', 'EUR', ST_GeomFromGeoJSON($1)::geography) RETURNING id`,
      [area],
    );
    const hash = '$2b$04$abcdefghijklmnopqrstuu2Qp8m1rhp3Y1hQ0VbVv6Oo5q7Jm9Q7e'; // never used to log in
    const { rows: [merchant] } = await owner.query(
      `INSERT INTO merchants (cooperative_id, name, address, location) VALUES ($1, 'Bistro', 'place', ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) RETURNING id`,
      [coop.id, VALENCE.lng, VALENCE.lat],
    );
    const { rows: couriers } = await owner.query(
      `WITH u AS (INSERT INTO users (cooperative_id, email, password_hash, name, role)
                  SELECT $1, 'courier' || g || '@bench.example', $2, 'Courier ' || g, 'courier' FROM generate_series(1, $3) g RETURNING id)
       INSERT INTO couriers (cooperative_id, user_id, vehicle, capacity, on_shift, shift_started_at)
       SELECT $1, id, 'bike', 3, true, now() FROM u RETURNING id`,
      [coop.id, hash, COURIERS],
    );
    // A third of the orders waiting, the rest held by couriers (assigned or picked up).
    await owner.query(
      `INSERT INTO orders (cooperative_id, merchant_id, courier_id, status, pickup_address, pickup_location, dropoff_address, dropoff_location,
         ready_at, parcel_size, price_amount, price_currency, distance_meters, tracking_token, created_by)
       SELECT $1, $2,
         CASE WHEN g % 3 = 0 THEN NULL ELSE ($3::uuid[])[1 + g % array_length($3::uuid[], 1)] END,
         CASE WHEN g % 3 = 0 THEN 'pending' WHEN g % 3 = 1 THEN 'assigned' ELSE 'picked_up' END,
         'place', ST_SetSRID(ST_MakePoint($4, $5), 4326)::geography,
         'street ' || g, ST_SetSRID(ST_MakePoint($4 + (random() - 0.5) * 0.05, $5 + (random() - 0.5) * 0.05), 4326)::geography,
         now(), 'S', 600, 'EUR', 2000, 'bench-token-' || g, 'bench'
       FROM generate_series(1, $6) g`,
      [coop.id, merchant.id, couriers.map((c) => c.id), VALENCE.lng, VALENCE.lat, ORDERS],
    );
    await owner.query(
      `INSERT INTO order_events (cooperative_id, order_id, status, actor) SELECT cooperative_id, id, 'pending', 'bench' FROM orders`,
    );
    await owner.query(
      `INSERT INTO users (cooperative_id, email, password_hash, name, role) VALUES ($1, 'dispatcher@bench.example', $2, 'Dispatcher', 'dispatcher')`,
      [coop.id, await (await import('@lib/auth')).hashPassword('bench-password', config.env.BCRYPT_COST)],
    );
    return { cooperativeId: coop.id, courierIds: couriers.map((c) => c.id) };
  } finally {
    await owner.end();
  }
}

async function main(): Promise<void> {
  const name = `bd_bench_${randomBytes(4).toString('hex')}`;
  await withServerClient((client) => client.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(name);
  const config = testConfig(url, { LOG_LEVEL: 'silent' });
  try {
    await runMigrations(config);
    const { cooperativeId, courierIds } = await seed(url, config);
    const app = await createApiApp(config);
    await app.init();
    try {
      const positions = app.get(CourierPositions, { strict: false });
      for (const [index, courierId] of courierIds.entries()) {
        await positions.record(cooperativeId, courierId, { lat: VALENCE.lat + (index % 20) * 0.001, lng: VALENCE.lng + (index % 15) * 0.001, at: new Date(), accuracy: 10, heading: null, speed: null });
      }
      const http = request(app.getHttpServer());
      const login = await http.post('/api/v1/auth/login').send({ email: 'dispatcher@bench.example', password: 'bench-password' }).expect(200);
      const auth = { Authorization: `Bearer ${login.body.accessToken}` };
      const first = await http.get('/api/v1/dispatch/board').set(auth).expect(200);
      const timings: number[] = [];
      for (let i = 0; i < SAMPLES; i += 1) {
        const started = process.hrtime.bigint();
        await http.get('/api/v1/dispatch/board').set(auth).expect(200);
        timings.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      timings.sort((a, b) => a - b);
      const result = {
        command: 'npm run bench:board',
        commit: gitCommit(),
        machine: machineInfo(),
        measuredAt: new Date().toISOString(),
        workload: { activeOrders: first.body.orders.length, couriers: first.body.couriers.length, samples: SAMPLES },
        responseBytes: Buffer.byteLength(first.text),
        latencyMs: { p50: round(timings[Math.floor(SAMPLES * 0.5)]), p90: round(timings[Math.floor(SAMPLES * 0.9)]), max: round(timings[SAMPLES - 1]) },
      };
      const folder = join(__dirname, '..', '..', 'bench', 'results');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'board.json'), `${JSON.stringify(result, null, 2)}\n`);
      console.log(JSON.stringify(result, null, 2));
    } finally {
      await app.close();
    }
  } finally {
    await withServerClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

const round = (value: number) => Math.round(value * 10) / 10;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
