import { randomUUID } from 'node:crypto';
import { createServer, Server, Socket } from 'node:net';
import { Client } from 'pg';
import { freePort, orderBody, VALENCE } from '@lib/testing';
import { eventually } from '../support/eventually';
import { LocalRedis } from '../support/local-redis';
import { BuiltProcess, canRunAsInit, ProcessStack, RunOptions } from './support/processes';

/** Clean stops take a second or two; the old shutdown gave up only after its 10 s grace, with exit 1. */
const STOP_WITHIN_MS = 15_000;

/** Exits 0 and says so within the bound; the process's output in the message otherwise. */
async function expectCleanStop(built: BuiltProcess): Promise<void> {
  const exit = await built.waitForExit(STOP_WITHIN_MS);
  const clean = exit.code === 0 && built.output().includes(`${built.name} stopped`);
  if (!clean) throw new Error(`${built.name} did not stop cleanly (${JSON.stringify(exit)})\n${built.output()}`);
}

/**
 * A process told to stop is gone, cleanly, within a bound whatever its stores do (issue 18,
 * item 7). Built processes, as an operator runs them (`npm run build:server` first).
 */
describe('dispatcher process: stopping whatever Redis does', () => {
  let redis: LocalRedis;
  let stack: ProcessStack;

  beforeAll(async () => {
    redis = await LocalRedis.start();
    stack = await ProcessStack.create({ redisUrl: redis.url, env: { DISPATCH_TICK_SECONDS: '1' } });
  });
  beforeEach(() => redis.start());
  afterAll(async () => {
    await stack?.close();
    await redis?.destroy();
  });

  it('stops cleanly when its Redis is down at SIGTERM', async () => {
    const dispatcher = await stack.start('dispatcher');
    await redis.kill();
    await eventually('the dispatcher to notice', async () => (await fetch(`${dispatcher.url}/health/ready`)).status === 503);
    dispatcher.signal('SIGTERM');
    await expectCleanStop(dispatcher);
  });

  it('stops cleanly when its Redis dies during the shutdown, with a decision in hand', async () => {
    const [apiProcess, dispatcher] = await Promise.all([stack.start('api'), stack.start('dispatcher')]);
    const api = stack.apiOf(apiProcess);
    const coop = await api.newCooperative(VALENCE);
    // The decision blocks on its dispatch-log insert while the test holds the table.
    const owner = new Client({ connectionString: stack.env.DATABASE_URL });
    await owner.connect();
    try {
      await owner.query('BEGIN');
      await owner.query('LOCK TABLE dispatch_decisions IN EXCLUSIVE MODE');
      await api.http.post('/api/v1/orders').set(coop.merchantUser.auth).set('Idempotency-Key', randomUUID()).send(orderBody(coop.center)).expect(201);
      await eventually('a decision waiting on the dispatch log', async () => {
        // pg_locks, not pg_stat_activity: the latter is a snapshot taken once per transaction.
        const { rows } = await owner.query(`SELECT 1 FROM pg_locks WHERE NOT granted AND relation = 'dispatch_decisions'::regclass`);
        return rows.length > 0;
      }).catch((error: Error) => Promise.reject(new Error(`${error.message}\n${stack.output()}`)));
      // Redis dies as the shutdown begins: the job in hand can neither finish nor be handed back.
      dispatcher.signal('SIGTERM');
      await redis.kill();
      await owner.query('ROLLBACK');
      await expectCleanStop(dispatcher);
    } finally {
      await owner.end();
    }
  });

  /** SIGTERM once the start-up check has passed, Redis gone from then on, as an operator stopping a process that cannot get going. */
  async function stopDuringStartUp(options: RunOptions): Promise<void> {
    const proxy = await OneConnectionProxy.start(redis.port);
    try {
      const dispatcher = (await stack.add('dispatcher', { REDIS_URL: proxy.url }, options)).spawn();
      await proxy.firstConnectionClosed;
      dispatcher.signal('SIGTERM');
      await expectCleanStop(dispatcher);
    } finally {
      proxy.close();
    }
  }

  it('stops cleanly when told to during start-up, its Redis gone after the start-up check', () => stopDuringStartUp({}));

  // A container without an init in front of node (as infra/k8s runs it: its `command` replaces the
  // image's tini entrypoint): node is PID 1, and the kernel drops a signal it has no handler for
  // yet, so a process stopped during start-up would start and run on.
  (canRunAsInit() ? it : it.skip)('stops when told to during start-up as PID 1 of a container', () => stopDuringStartUp({ asInit: true }));
});

/** The queue worker does not run against a Redis that may evict its jobs (issue 18, Redis durability). */
describe('dispatcher process: Redis that may evict keys', () => {
  it('refuses to start with one clear line when maxmemory-policy is not noeviction', async () => {
    const redis = await LocalRedis.start({ maxmemoryPolicy: 'allkeys-lru' });
    const stack = await ProcessStack.create({ redisUrl: redis.url });
    try {
      const dispatcher = (await stack.add('dispatcher')).spawn();
      expect(await dispatcher.waitForExit(20_000)).toEqual({ code: 1, signal: null });
      const stderr = dispatcher.output().split('\n').filter((line) => line.includes(' stderr: '));
      expect(stderr).toHaveLength(1);
      expect(stderr[0]).toMatch(/stderr: dispatcher failed to start: REDIS_URL \(redis:\/\/127\.0\.0\.1:\d+\) has maxmemory-policy allkeys-lru: .*noeviction/);
    } finally {
      await stack.close();
      await redis.destroy();
    }
  });

  it('warns and starts when CONFIG is disabled, as on managed Redis', async () => {
    const redis = await LocalRedis.start({ args: ['--rename-command', 'CONFIG', ''] });
    const stack = await ProcessStack.create({ redisUrl: redis.url });
    try {
      const dispatcher = await stack.start('dispatcher');
      expect(dispatcher.output()).toMatch(/stderr: dispatcher warning: cannot read Redis maxmemory-policy with CONFIG .*INFO reports noeviction/);
    } finally {
      await stack.close();
      await redis.destroy();
    }
  });
});

/**
 * Forwards the first connection to Redis and refuses every later one: to the process it looks as
 * if Redis went away right after its start-up check.
 */
class OneConnectionProxy {
  readonly firstConnectionClosed: Promise<void>;
  private readonly sockets: Socket[] = [];
  private server?: Server;

  private constructor(
    private readonly port: number,
    target: number,
  ) {
    let closed: () => void = () => undefined;
    this.firstConnectionClosed = new Promise((resolve) => (closed = resolve));
    let served = 0;
    this.server = createServer((client) => {
      this.sockets.push(client);
      client.on('error', () => undefined);
      if ((served += 1) > 1) return client.destroy();
      const upstream = new Socket();
      this.sockets.push(upstream);
      upstream.on('error', () => client.destroy());
      upstream.connect(target, '127.0.0.1', () => client.pipe(upstream).pipe(client));
      client.on('close', () => {
        upstream.destroy();
        closed();
      });
    });
  }

  static async start(target: number): Promise<OneConnectionProxy> {
    const proxy = new OneConnectionProxy(await freePort(), target);
    await new Promise<void>((resolve) => proxy.server!.listen(proxy.port, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  close(): void {
    for (const socket of this.sockets) socket.destroy();
    this.server?.close();
  }
}
