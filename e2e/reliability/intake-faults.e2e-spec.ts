import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { orderBody, TestApi } from '@lib/testing';
import { eventually } from '../support/eventually';
import { LocalPostgres } from '../support/local-postgres';
import { LocalRedis } from '../support/local-redis';
import { BuiltProcess, ProcessStack } from './support/processes';
import { report } from './support/report';

/**
 * No acknowledged order is lost and none is doubled, whatever fails mid-intake. The built
 * processes run as OS processes on a private PostgreSQL and a private Redis (append-only, as
 * our scripts run it), so each can be killed and restarted; merchants keep placing orders
 * throughout, and replay a request that failed with the same Idempotency-Key, as the
 * contract tells them to.
 */
describe('intake through process crashes and store restarts', () => {
  let postgres: LocalPostgres;
  let redis: LocalRedis;
  let stack: ProcessStack;
  let api: BuiltProcess;
  let dispatcher: BuiltProcess;
  let apiKey: string;
  let center: { lat: number; lng: number };

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([LocalPostgres.start(), LocalRedis.start({ appendonly: true })]);
    const databaseUrl = await postgres.createDatabase('bd_faults', redis.url);
    stack = await ProcessStack.create({ redisUrl: redis.url, database: { url: databaseUrl, drop: async () => undefined }, env: { DISPATCH_TICK_SECONDS: '1' } });
    api = await stack.start('api');
    dispatcher = await stack.start('dispatcher');
    const client: TestApi = stack.apiOf(api);
    const coop = await client.newCooperative();
    center = coop.center;
    apiKey = (await client.http.post(`/api/v1/merchants/${coop.merchant.id}/api-keys`).set(coop.admin.auth).expect(201)).body.key;
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await redis?.destroy();
    await postgres?.destroy();
  });

  /** A fresh owner connection per check: the one before a PostgreSQL restart is gone. */
  async function query<T>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: postgres.urlOf('bd_faults') });
    await client.connect();
    try {
      return (await client.query(sql, parameters)).rows;
    } finally {
      await client.end();
    }
  }

  /**
   * Merchants placing orders until `stop`, 8 at a time; a request that fails (refused
   * connection, 5xx) is replayed with its key until it is acknowledged.
   */
  async function placeOrdersDuring(fault: () => Promise<void>) {
    const acknowledged = new Map<string, string>(); // idempotency key → order id
    const errored = new Set<string>();
    let stopping = false;
    const placeOne = async () => {
      const key = randomUUID();
      const body = orderBody(center, { reference: `fault-${key}` });
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const response = await fetch(`${api.url}/api/v1/orders`, {
          method: 'POST',
          headers: { 'X-Api-Key': apiKey, 'Idempotency-Key': key, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        }).catch(() => null);
        if (response && response.status < 300) {
          acknowledged.set(key, ((await response.json()) as { id: string }).id);
          return;
        }
        if (response && response.status < 500 && response.status !== 429) throw new Error(`order refused: ${response.status} ${await response.text()}`);
        errored.add(key);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`order ${key} never acknowledged\n${stack.output()}`);
    };
    const merchant = async () => {
      while (!stopping) await placeOne();
    };
    const merchants = Array.from({ length: 8 }, merchant);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await fault();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    stopping = true;
    await Promise.all(merchants);
    return { acknowledged, errored };
  }

  /** Every acknowledged order exists exactly once and is decided (offered, or waiting for a person). */
  async function expectEveryOrderOnceAndDecided(fault: string, placed: { acknowledged: Map<string, string>; errored: Set<string> }) {
    const references = [...placed.acknowledged.keys()].map((key) => `fault-${key}`);
    const stored = await query<{ reference: string; n: string }>(`SELECT reference, count(*) AS n FROM orders WHERE reference = ANY($1) GROUP BY reference`, [references]);
    const doubled = stored.filter((row) => Number(row.n) > 1).length;
    report(`intake through a fault: ${fault}`, { acknowledged: placed.acknowledged.size, present: stored.length, doubled, ordersWhoseFirstTryFailed: placed.errored.size });
    expect({ present: stored.length, doubled }).toEqual({ present: placed.acknowledged.size, doubled: 0 });
    await eventually(`every order acknowledged through "${fault}" decided`, async () => {
      const undecided = await query<{ n: string }>(
        `SELECT count(*) AS n FROM orders WHERE id = ANY($1::uuid[]) AND status = 'pending' AND NOT needs_attention`,
        [[...placed.acknowledged.values()]],
      );
      return Number(undecided[0].n) === 0;
    }, 30_000);
  }

  it('loses and doubles nothing when the dispatcher is killed and restarted', async () => {
    const placed = await placeOrdersDuring(async () => {
      await dispatcher.kill();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await dispatcher.start();
    });
    await expectEveryOrderOnceAndDecided('dispatcher SIGKILL', placed);
  });

  it('loses and doubles nothing when the API is killed mid-request and restarted', async () => {
    const placed = await placeOrdersDuring(async () => {
      await api.kill();
      await api.start();
    });
    expect(placed.errored.size).toBeGreaterThan(0);
    await expectEveryOrderOnceAndDecided('api SIGKILL', placed);
  });

  it('loses and doubles nothing when Redis restarts', async () => {
    const placed = await placeOrdersDuring(async () => {
      await redis.kill();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await redis.start();
    });
    await expectEveryOrderOnceAndDecided('redis restart', placed);
  });

  it('loses and doubles nothing when PostgreSQL restarts', async () => {
    const placed = await placeOrdersDuring(async () => {
      postgres.crash();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await postgres.start();
    });
    expect(placed.errored.size).toBeGreaterThan(0);
    await expectEveryOrderOnceAndDecided('postgresql crash and restart', placed);
  });
});
