import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApiApp } from '../../apps/api/src/api.app';
import { bootTestApp, CoopFixture, createTestDatabase, databaseUrl, LYON, orderBody, TestApi, VALENCE, withServerClient } from '@lib/testing';
import { eventually } from '../support/eventually';
import { newCourier, northOf, placeOrder } from '../support/factories';
import { queuesDrained } from '../support/queues';
import { bootSystem, TestSystem } from '../support/system';

const root = join(__dirname, '..', '..');
/** The password TestApi gives every member it creates. */
const PASSWORD = 'password-1234';

/**
 * One co-op's data exported from a deployment holding two (scripts/coop-export.sh) and
 * imported into a fresh, migrated one (scripts/coop-import.sh), as when a co-op moves or leaves
 * the federation: all of its rows arrive, none of the other co-op's, and its members sign in on
 * the new deployment.
 */
describe('exporting a co-op and importing it into a fresh deployment', () => {
  let system: TestSystem;
  let coopA: CoopFixture;
  let coopB: CoopFixture;
  let target: { url: string; drop: () => Promise<void> };
  let dir: string;

  /** A co-op with couriers on shift that sent positions, and orders dispatched to them. */
  async function busyCoop(center: typeof VALENCE): Promise<CoopFixture> {
    const coop = await system.api.newCooperative(center);
    for (let i = 0; i < 2; i += 1) {
      const courier = await newCourier(system, coop);
      await system.api.http.put('/api/v1/couriers/me/shift').set(courier.auth).send({ onShift: true }).expect(200);
      // Measured during the shift: points from before it are not kept.
      const shiftStarted = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const points = [1, 2, 3].map((step) => ({ ...northOf(coop.center, 100 * i + 20 * step), accuracy: 8, at: new Date(shiftStarted + 10 * step).toISOString() }));
      await system.api.http.post('/api/v1/couriers/me/locations').set(courier.auth).send({ points }).expect(200);
    }
    for (let i = 0; i < 3; i += 1) await placeOrder(system.api, coop, orderBody(coop.center));
    return coop;
  }

  beforeAll(async () => {
    system = await bootSystem({ dispatchers: 1 });
    [coopA, coopB] = [await busyCoop(VALENCE), await busyCoop(LYON)];
    await eventually('offers in both co-ops', async () => (await system.sql<{ n: number }>(`SELECT count(DISTINCT cooperative_id)::int AS n FROM offers`))[0].n === 2);
    await queuesDrained(system, ['dispatch', 'webhooks']);
    await eventually('positions of both co-ops in the history', async () => (await system.sql<{ n: number }>(`SELECT count(DISTINCT cooperative_id)::int AS n FROM courier_locations`))[0].n === 2);
    target = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'bd-coop-export-'));
  });
  afterAll(async () => {
    await system?.close();
    await target?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const run = (script: string, args: string[], databaseUrl: string) =>
    execFileSync('bash', [join(root, 'scripts', script), ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

  /** Rows per tenant table and co-op, as the owner sees them (no row-level security). */
  async function rowsByCoop(databaseUrl: string): Promise<Record<string, Record<string, number>>> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows: tables } = await client.query<{ table: string }>(
        `SELECT c.relname AS table FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'cooperative_id'
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY 1`,
      );
      const counts: Record<string, Record<string, number>> = {};
      for (const { table } of tables) {
        const { rows } = await client.query<{ coop: string; n: number }>(`SELECT cooperative_id AS coop, count(*)::int AS n FROM ${table} WHERE cooperative_id IS NOT NULL GROUP BY 1`);
        counts[table] = Object.fromEntries(rows.map((row) => [row.coop, row.n]));
      }
      const { rows } = await client.query<{ id: string }>(`SELECT id FROM cooperatives`);
      counts.cooperatives = Object.fromEntries(rows.map((row) => [row.id, 1]));
      return counts;
    } finally {
      await client.end();
    }
  }

  it('brings every row of the co-op and nothing of the other, and its members sign in there', async () => {
    const file = join(dir, 'coop-a.sql');
    const exported = run('coop-export.sh', [coopA.cooperative.slug], system.databaseUrl);
    writeFileSync(file, exported);
    expect(exported).not.toContain(coopB.cooperative.id);
    expect(run('coop-import.sh', [file], target.url)).toContain(`co-op ${coopA.cooperative.slug} (${coopA.cooperative.id}) imported`);

    const [source, imported] = [await rowsByCoop(system.databaseUrl), await rowsByCoop(target.url)];
    const a = coopA.cooperative.id;
    const tablesWithA = Object.keys(source).filter((table) => source[table][a]);
    // The co-op's orders, offers, positions, members... and nothing else.
    expect(tablesWithA).toEqual(expect.arrayContaining(['cooperatives', 'users', 'couriers', 'merchants', 'orders', 'offers', 'order_events', 'outbox', 'courier_locations', 'courier_shifts', 'dispatch_decisions']));
    const onlyA = Object.fromEntries(Object.keys(source).map((table) => [table, source[table][a] ? { [a]: source[table][a] } : {}]));
    expect(imported).toEqual(onlyA);

    // The new deployment: A's members sign in with their passwords and see A's orders; B's do not exist.
    const api = await bootTestApp(createApiApp, { databaseUrl: target.url });
    try {
      const client = new TestApi(api.app, api.config);
      const emailOf = async (userId: string) => (await system.sql<{ email: string }>(`SELECT email FROM users WHERE id = $1`, [userId]))[0].email;
      const dispatcher = await client.login(await emailOf(coopA.dispatcher.user.id), PASSWORD);
      const orders = await client.http.get('/api/v1/orders').set(dispatcher.auth).expect(200);
      expect(orders.body.data ?? orders.body.items ?? orders.body).toHaveLength(3);
      await client.login(await emailOf(coopA.courier.user.id), PASSWORD);
      await client.http.post('/api/v1/auth/login').send({ email: await emailOf(coopB.dispatcher.user.id), password: PASSWORD }).expect(401);
    } finally {
      await api.close();
    }
  });

  it('restores a whole-database pg_dump into an empty database, as docs/operations.md says', async () => {
    // The commands of docs/operations.md, "Backups": a custom-format dump, then pg_restore into
    // a new empty database on a server where the application role exists (it is global to a
    // server; the test server has it already).
    const dump = join(dir, 'full.dump');
    execFileSync('pg_dump', ['--format=custom', `--file=${dump}`, system.databaseUrl], { stdio: 'pipe' });
    const restored = `bd_restored_${Date.now()}`;
    await withServerClient((client) => client.query(`CREATE DATABASE ${restored} TEMPLATE template0`));
    try {
      execFileSync('pg_restore', ['--exit-on-error', '--single-transaction', `--dbname=${databaseUrl(restored)}`, dump], { stdio: 'pipe' });
      expect(await rowsByCoop(databaseUrl(restored))).toEqual(await rowsByCoop(system.databaseUrl));
    } finally {
      await withServerClient((client) => client.query(`DROP DATABASE IF EXISTS ${restored} WITH (FORCE)`));
    }
  });

  it('refuses to import a co-op twice, and a file that is not an export', async () => {
    const file = join(dir, 'coop-a.sql');
    expect(() => run('coop-import.sh', [file], target.url)).toThrow(/already here/);
    const notAnExport = join(dir, 'not-an-export.sql');
    writeFileSync(notAnExport, 'DROP TABLE orders;\n');
    expect(() => run('coop-import.sh', [notAnExport], target.url)).toThrow(/not a co-op export/);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('-- bike-dispatch co-op export v1');
  });
});
