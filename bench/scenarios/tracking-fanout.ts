import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import { Tokens } from '@lib/auth';
import { AppConfig } from '@lib/config';
import { freePort, squareArea, VALENCE } from '@lib/testing';
import { createBenchDatabase } from '../support/bench-database';
import { BenchProcess, benchEnvironment } from '../support/built-process';
import { percentiles, Percentiles, round2 } from '../support/latency';
import { projectRoot } from '../support/project-root';
import { insertCouriersOnShift } from '../support/seed-couriers';
import { connectAll } from '../support/sockets';
import { resultHeader, table, writeResult } from '../support/report';

export type PositionsMode = 'single' | 'batch';

export interface TrackingFanoutOptions {
  /** Couriers, each on its own socket.io-client socket (websocket transport), spread over the gateways. */
  couriers: number;
  /** Each courier sends one position every this many seconds (random phase). */
  intervalSeconds: number;
  /** Dispatcher sockets of the same co-op, spread over the gateways. */
  dispatchers: number;
  /** Gateway instances sharing the Redis adapter. */
  gateways: number;
  /** Measured seconds per mode (after the warm-up). */
  seconds: number;
  warmupSeconds: number;
  modes: PositionsMode[];
  resultsFolder?: string;
  command?: string;
}

export interface FanoutRun {
  server: 'gateway' | 'raw socket.io relay';
  mode: PositionsMode;
  couriersConnected: number;
  dispatchersConnected: number;
  /** Positions sent by the couriers per second in the window. */
  positionsInPerSecond: number;
  /** Of those: acknowledged ok, refused (by error code), not answered within 5 s after the window. */
  acknowledged: number;
  refused: Record<string, number>;
  unanswered: number;
  /** Live positions each dispatcher received per second (mean over dispatchers). */
  positionsOutPerDispatcherPerSecond: number;
  /** Frames each dispatcher received per second (one per position in the per-courier form). */
  framesPerDispatcherPerSecond: number;
  /** From the courier's send to the dispatcher's receipt (`at` is the send time, same clock). */
  latencyMs: Percentiles;
  /** CPU of the server processes during the window, in cores (sum, then per instance). */
  serverCores: number;
  serverCoresPerInstance: number[];
  /** The shared Redis's CPU in the window (other work on the machine may use it too). */
  redisCores: number;
  /** This process (couriers and dispatchers). */
  loadGeneratorCores: number;
}

export const TRACKING_FANOUT_TARGET = { couriers: 10_000, intervalSeconds: 4, dispatchers: 50, gateways: 2, singleModeP99Ms: 100, tierCores: 1 };

const ACK_GRACE_MS = 5000;

/**
 * Courier positions through the tracking tier: N couriers reporting every few seconds into
 * G gateway instances (built processes, production settings, one Redis adapter), D
 * dispatcher sockets of the co-op receiving them in one form (per-courier events or batched
 * frames). Measures courier → dispatcher latency, what arrives, and the gateways' CPU; then
 * the same load through a bare socket.io relay with the same adapter (the floor).
 */
export async function runTrackingFanout(options: TrackingFanoutOptions) {
  const database = await createBenchDatabase();
  const env = benchEnvironment(database.url, { HANDSHAKES_PER_MINUTE: '100000000' });
  const config = AppConfig.fromEnvironment(env);
  const tokens = new Tokens(config);
  const redis = new Redis(env.REDIS_URL);
  const runs: FanoutRun[] = [];
  try {
    const seeded = await seed(database.url, options.couriers);
    const courierTokens = seeded.couriers.map(({ courierId, userId }) =>
      tokens.issue({ role: 'courier', cooperativeId: seeded.cooperativeId, userId, courierId, name: 'Courier' }),
    );
    const dispatcherToken = tokens.issue({ role: 'dispatcher', cooperativeId: seeded.cooperativeId, userId: seeded.dispatcherId, name: 'Dispatcher' });

    const gateways: BenchProcess[] = [];
    try {
      for (let i = 0; i < options.gateways; i += 1) gateways.push(await BenchProcess.start('tracking', env));
      const servers: MeasuredServer[] = gateways.map((gateway) => ({ url: gateway.url, cpuSeconds: () => metricCpuSeconds(gateway.url) }));
      runs.push(
        ...(await measure('gateway', servers, options, redis, (index) => ({ token: courierTokens[index] }), (batch) => ({ token: dispatcherToken, batch }))),
      );
    } finally {
      for (const gateway of gateways) await gateway.stop();
    }

    const relays: Relay[] = [];
    try {
      const key = `${env.REDIS_PREFIX}:relay`;
      for (let i = 0; i < options.gateways; i += 1) relays.push(await Relay.start(env.REDIS_URL, key));
      runs.push(
        ...(await measure('raw socket.io relay', relays, options, redis, (index) => ({ courierId: seeded.couriers[index].courierId }), (batch) => ({ batch }))),
      );
    } finally {
      for (const relay of relays) relay.stop();
    }
  } finally {
    redis.disconnect();
    await database.drop();
  }

  const result = {
    ...resultHeader('tracking-fanout', options.command ?? 'npm run bench:tracking'),
    workload: {
      couriers: options.couriers,
      intervalSeconds: options.intervalSeconds,
      dispatchers: options.dispatchers,
      gateways: options.gateways,
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      clients:
        'one socket.io-client socket per courier and per dispatcher (websocket transport, no reconnection), all in the bench process, spread round-robin over the instances; ' +
        'each courier emits { lat, lng, at: now } with an acknowledgement every intervalSeconds at a random phase',
      gateway: 'the built tracking process (dist/apps/tracking/src/main.js), NODE_ENV=production, logs at info to a file, only HANDSHAKES_PER_MINUTE raised; CPU from its process_cpu_seconds_total',
      baseline: 'a bare socket.io server per instance with the same Redis adapter (bench/support/raw-relay.ts): acks each location and emits it at once to the per-courier room, and once a second one batched frame',
    },
    target: TRACKING_FANOUT_TARGET,
    runs,
  };
  const path = writeResult('tracking-fanout', result, options.resultsFolder);
  console.log(
    table(
      ['server', 'mode', 'couriers', 'in /s', 'acked', 'refused', 'no ack', 'out /s per dispatcher', 'frames /s', 'p50 ms', 'p99 ms', 'max ms', 'server cores', 'redis', 'loadgen', 'target'],
      runs.map((run) => [
        run.server, run.mode, run.couriersConnected, run.positionsInPerSecond, run.acknowledged, Object.values(run.refused).reduce((a, b) => a + b, 0), run.unanswered,
        run.positionsOutPerDispatcherPerSecond, run.framesPerDispatcherPerSecond, run.latencyMs.p50, run.latencyMs.p99, run.latencyMs.max,
        run.serverCores, run.redisCores, run.loadGeneratorCores, run.server === 'gateway' ? verdict(run) : '',
      ]),
    ),
  );
  console.log(`written to ${path}`);
  return result;
}

function verdict(run: FanoutRun): string {
  const cores = run.serverCores < TRACKING_FANOUT_TARGET.tierCores ? `cores met` : `cores not met`;
  if (run.mode === 'batch') return cores;
  return `${run.latencyMs.p99 < TRACKING_FANOUT_TARGET.singleModeP99Ms ? 'p99 met' : 'p99 not met'}, ${cores}`;
}

interface MeasuredServer {
  url: string;
  cpuSeconds(): Promise<number>;
}

async function measure(
  server: FanoutRun['server'],
  servers: MeasuredServer[],
  options: TrackingFanoutOptions,
  redis: Redis,
  courierAuth: (index: number) => Record<string, unknown>,
  dispatcherAuth: (batch: boolean) => Record<string, unknown>,
): Promise<FanoutRun[]> {
  const couriers = await connectAll(options.couriers, (index) => open(servers[index % servers.length].url, '/courier', courierAuth(index)));
  const runs: FanoutRun[] = [];
  const sender = new CourierSender(couriers, options.intervalSeconds);
  try {
    for (const mode of options.modes) {
      const latencies: number[] = [];
      let window = { open: false, positions: 0, frames: 0 };
      const dispatchers = await connectAll(options.dispatchers, (index) => open(servers[index % servers.length].url, '/dispatch', dispatcherAuth(mode === 'batch')));
      const receive = (positions: { at: string }[]) => {
        if (!window.open) return;
        const now = Date.now();
        window.frames += 1;
        window.positions += positions.length;
        for (const position of positions) latencies.push(now - Date.parse(position.at));
      };
      for (const dispatcher of dispatchers) {
        dispatcher.on('courier.position', (position: { at: string }) => receive([position]));
        dispatcher.on('courier.positions', (frame: { positions: { at: string }[]; snapshot: boolean }) => {
          if (!frame.snapshot) receive(frame.positions);
        });
      }
      sender.start();
      await sleep(options.warmupSeconds * 1000);
      // CPU over the span from before the first reading to after the last (a busy server answers its metrics late).
      const cpuSpanStarted = Date.now();
      const cpuBefore = await Promise.all(servers.map((s) => s.cpuSeconds()));
      const redisBefore = await redisCpuSeconds(redis);
      const ownBefore = process.cpuUsage();
      const started = Date.now();
      window = { open: true, positions: 0, frames: 0 };
      sender.openWindow();
      await sleep(options.seconds * 1000);
      sender.closeWindow();
      window.open = false;
      const elapsed = (Date.now() - started) / 1000;
      const cpuAfter = await Promise.all(servers.map((s) => s.cpuSeconds()));
      const redisAfter = await redisCpuSeconds(redis);
      const cpuSpan = (Date.now() - cpuSpanStarted) / 1000;
      const own = process.cpuUsage(ownBefore);
      const received = { ...window };
      const graceEnds = Date.now() + ACK_GRACE_MS;
      while (!sender.allAnswered() && Date.now() < graceEnds) await sleep(50);
      const acks = sender.windowAcks();
      for (const dispatcher of dispatchers) dispatcher.disconnect();
      const perInstance = cpuAfter.map((after, i) => round2((after - cpuBefore[i]) / cpuSpan));
      runs.push({
        server,
        mode,
        couriersConnected: couriers.length,
        dispatchersConnected: dispatchers.length,
        positionsInPerSecond: Math.round(acks.sent / elapsed),
        acknowledged: acks.ok,
        refused: acks.refused,
        unanswered: acks.sent - acks.ok - Object.values(acks.refused).reduce((a, b) => a + b, 0),
        positionsOutPerDispatcherPerSecond: Math.round(received.positions / Math.max(1, dispatchers.length) / elapsed),
        framesPerDispatcherPerSecond: Math.round(received.frames / Math.max(1, dispatchers.length) / elapsed),
        latencyMs: percentiles(latencies),
        serverCores: round2(perInstance.reduce((a, b) => a + b, 0)),
        serverCoresPerInstance: perInstance,
        redisCores: round2((redisAfter - redisBefore) / cpuSpan),
        loadGeneratorCores: round2((own.user + own.system) / 1e6 / elapsed),
      });
    }
  } finally {
    sender.stop();
    for (const courier of couriers) courier.disconnect();
  }
  return runs;
}

/** Every courier emits a position every `intervalSeconds`, at its own random phase; acks are tallied for the positions sent in the window. */
class CourierSender {
  private timers: NodeJS.Timeout[] = [];
  private counting = false;
  private sent = 0;
  private ok = 0;
  private refused: Record<string, number> = {};

  constructor(
    private readonly couriers: Socket[],
    private readonly intervalSeconds: number,
  ) {}

  start(): void {
    if (this.timers.length) return;
    const period = this.intervalSeconds * 1000;
    this.couriers.forEach((socket, index) => {
      const send = () => this.send(socket, index);
      const first = setTimeout(() => this.timers.push(setInterval(send, period)) && send(), Math.random() * period);
      this.timers.push(first);
    });
  }

  openWindow(): void {
    this.counting = true;
    this.sent = 0;
    this.ok = 0;
    this.refused = {};
  }

  closeWindow(): void {
    this.counting = false;
  }

  windowAcks() {
    return { sent: this.sent, ok: this.ok, refused: { ...this.refused } };
  }

  /** Every position sent in the window has its acknowledgement. */
  allAnswered(): boolean {
    return this.ok + Object.values(this.refused).reduce((a, b) => a + b, 0) >= this.sent;
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  private send(socket: Socket, index: number): void {
    const counted = this.counting;
    if (counted) this.sent += 1;
    const message = { lat: VALENCE.lat + ((index % 100) - 50) * 0.0005 + Math.random() * 1e-4, lng: VALENCE.lng + (Math.floor(index / 100) % 100 - 50) * 0.0005, accuracy: 10, at: Date.now() };
    socket.emit('location', message, (ack: { ok: boolean; error?: string }) => {
      if (!counted) return;
      if (ack?.ok) this.ok += 1;
      else this.refused[ack?.error ?? 'malformed'] = (this.refused[ack?.error ?? 'malformed'] ?? 0) + 1;
    });
  }
}

function open(baseUrl: string, namespace: string, auth: Record<string, unknown>): Socket {
  return io(`${baseUrl}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
}

async function metricCpuSeconds(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^process_cpu_seconds_total(?:\{[^}]*\})? (\S+)$/m.exec(text);
  if (!match) throw new Error(`no process_cpu_seconds_total at ${url}/metrics`);
  return Number(match[1]);
}

async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const value = (name: string) => Number(new RegExp(`^${name}:(\\S+)`, 'm').exec(info)?.[1] ?? 0);
  return value('used_cpu_user') + value('used_cpu_sys');
}

/** One bare socket.io relay process (bench/support/raw-relay.ts, built into dist/bench). */
class Relay implements MeasuredServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(redisUrl: string, key: string): Promise<Relay> {
    // Built (dist/bench, the CLI) or, when this scenario runs from source (the smoke test), through tsx.
    const fromSource = __filename.endsWith('.ts');
    const entry = fromSource ? join(projectRoot(), 'bench', 'support', 'raw-relay.ts') : join(projectRoot(), 'dist', 'bench', 'support', 'raw-relay.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run bench:build" first`);
    const port = await freePort();
    const args = [...(fromSource ? ['--import', 'tsx'] : []), entry, String(port), redisUrl, key];
    const child = spawn(process.execPath, args, { cwd: projectRoot(), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
      child.stdout!.once('data', () => resolve());
    });
    return new Relay(child, `http://127.0.0.1:${port}`);
  }

  async cpuSeconds(): Promise<number> {
    return ((await (await fetch(`${this.url}/cpu`)).json()) as { cpuSeconds: number }).cpuSeconds;
  }

  stop(): void {
    this.child.removeAllListeners('exit');
    this.child.kill('SIGTERM');
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One co-op with `couriers` couriers on shift and a dispatcher, written directly. */
async function seed(url: string, couriers: number): Promise<{ cooperativeId: string; dispatcherId: string; couriers: { courierId: string; userId: string }[] }> {
  const owner = new Client({ connectionString: url });
  await owner.connect();
  try {
    const tag = randomBytes(4).toString('hex');
    const area = JSON.stringify({ type: 'MultiPolygon', coordinates: [squareArea(VALENCE).coordinates] });
    const { rows: [coop] } = await owner.query(
      `INSERT INTO cooperatives (name, slug, timezone, currency, service_area) VALUES ($1, $1, 'Europe/Paris', 'EUR', ST_GeomFromGeoJSON($2)::geography) RETURNING id`,
      [`bench-${tag}`, area],
    );
    const rows = await insertCouriersOnShift(owner, coop.id, couriers, tag);
    const { rows: [dispatcher] } = await owner.query(
      `INSERT INTO users (cooperative_id, email, password_hash, name, role) VALUES ($1, $2, 'unused', 'Dispatcher', 'dispatcher') RETURNING id`,
      [coop.id, `dispatcher-${tag}@bench.example`],
    );
    return { cooperativeId: coop.id, dispatcherId: dispatcher.id, couriers: rows };
  } finally {
    await owner.end();
  }
}
