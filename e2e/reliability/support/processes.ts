import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@lib/config';
import { createTestDatabase, freePort, TestApi, waitUntilReady } from '@lib/testing';

export type ProcessName = 'api' | 'dispatcher' | 'tracking';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const root = join(__dirname, '..', '..', '..');
const portVariables: Record<ProcessName, string> = { api: 'API_PORT', dispatcher: 'DISPATCHER_PORT', tracking: 'TRACKING_PORT' };
/** Lines of output kept per process for failure messages. */
const KEPT_LINES = 400;

export interface RunOptions {
  /**
   * Run as PID 1 of its own PID namespace, as in a container without an init in front of node:
   * the kernel then drops a signal the process has no handler for, instead of applying its
   * default action. Needs `unshare` and root (see `canRunAsInit`).
   */
  asInit?: boolean;
}

/** Whether this machine can run a process as PID 1 of a namespace of its own (root and util-linux's unshare). */
export function canRunAsInit(): boolean {
  return process.getuid?.() === 0 && spawnSync('unshare', ['--fork', '--pid', '--mount-proc', 'true'], { stdio: 'ignore' }).status === 0;
}

/** The built entry point of a process (`npm run build:server` writes it). */
export function entryPoint(name: ProcessName): string {
  const entry = join(root, 'dist', 'apps', name, 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build:server" before the reliability tests`);
  return entry;
}

/**
 * One of the built processes, run as an operator runs it: its own OS process, its own
 * environment, its port. It can be started, signalled, killed and started again (same port,
 * same environment); everything it prints is kept for failure messages.
 */
export class BuiltProcess {
  private child?: ChildProcess;
  private exited?: Promise<Exit>;
  private readonly lines: string[] = [];
  private runs = 0;

  constructor(
    readonly name: ProcessName,
    readonly port: number,
    readonly env: Readonly<Record<string, string>>,
    private readonly options: RunOptions = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and waits until `/health/ready` answers 200. */
  async start(timeoutMs = 30_000): Promise<this> {
    this.spawn();
    await this.ready(timeoutMs);
    return this;
  }

  /** Starts the process without waiting for it (to signal it during start-up). */
  spawn(): this {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.runs += 1;
    const tag = `${this.name}#${this.runs}`;
    const command = [process.execPath, entryPoint(this.name)];
    // --kill-child: node dies with unshare, so killing the wrapper never leaves it behind.
    if (this.options.asInit) command.unshift('unshare', '--fork', '--pid', '--mount-proc', '--kill-child');
    const child = spawn(command[0], command.slice(1), { env: { PATH: process.env.PATH ?? '', ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.record(`${tag} spawned (pid ${child.pid})`);
    for (const [stream, source] of [['stdout', child.stdout!], ['stderr', child.stderr!]] as const) {
      let partial = '';
      source.setEncoding('utf8');
      source.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) this.record(`${tag} ${stream}: ${line}`);
      });
      source.on('end', () => partial && this.record(`${tag} ${stream}: ${partial}`));
    }
    this.exited = new Promise<Exit>((resolve) =>
      child.once('exit', (code, signal) => {
        this.record(`${tag} exited (code ${code}, signal ${signal})`);
        resolve({ code, signal });
      }),
    );
    return this;
  }

  /** Waits until `/health/ready` answers 200; fails with the output if the process exits first. */
  ready(timeoutMs = 30_000): Promise<void> {
    return waitUntilReady(this, timeoutMs);
  }

  signal(signal: NodeJS.Signals): void {
    if (!this.running) throw new Error(`${this.name} is not running\n${this.output()}`);
    this.record(`(test) ${signal} to ${this.name}`);
    if (this.options.asInit) process.kill(this.initPid(), signal);
    else this.child!.kill(signal);
  }

  /** Resolves with how the process ended; fails with its output if it is still running after `timeoutMs`. */
  async waitForExit(timeoutMs: number): Promise<Exit> {
    if (!this.exited) throw new Error(`${this.name} was never started`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.name} still running ${timeoutMs} ms later\n${this.output()}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL, as a crash or the OOM killer would: no shutdown hook runs. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.signal('SIGKILL');
    await this.waitForExit(10_000);
  }

  /** The node process under `unshare` (its only child), as the parent namespace numbers it. */
  private initPid(): number {
    const wrapper = this.child!.pid!;
    const deadline = Date.now() + 5000;
    for (;;) {
      const children = readFileSync(`/proc/${wrapper}/task/${wrapper}/children`, 'utf8').trim();
      if (children) return Number(children.split(' ')[0]);
      if (Date.now() > deadline) throw new Error(`${this.name}: unshare started no process\n${this.output()}`);
    }
  }

  /** The process's output so far, with the test's own notes, for failure messages. */
  output(): string {
    return this.lines.join('\n');
  }

  private record(line: string): void {
    this.lines.push(`${new Date().toISOString()} ${line}`);
    if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
  }
}

export interface StackOptions {
  /** Redis for every process; the suite's Redis when absent (keys under a private prefix either way). */
  redisUrl?: string;
  /** A migrated database of the test's own (e.g. on a private server), dropped by `close`; a fresh clone of the template when absent. */
  database?: { url: string; drop: () => Promise<void> };
  /** Environment for every process of the stack, over the test defaults. */
  env?: Record<string, string>;
}

/**
 * The built processes on a fresh database (cloned from the migrated template) and a private
 * Redis prefix, for tests that crash, stop and restart them. Processes are made with `add`
 * (environment overrides per process) and all killed by `close`.
 */
export class ProcessStack {
  private readonly processes: BuiltProcess[] = [];

  private constructor(
    readonly env: Readonly<Record<string, string>>,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  static async create(options: StackOptions = {}): Promise<ProcessStack> {
    const database = options.database ?? (await createTestDatabase());
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
      DATABASE_URL: database.url,
      REDIS_URL: options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `bdtest:${randomBytes(4).toString('hex')}`,
      JWT_SECRET: 'test-secret-test-secret-test-secret',
      ADMIN_EMAIL: 'admin@test.example',
      ADMIN_PASSWORD: 'admin-test-password',
      BCRYPT_COST: '4',
      RATE_LIMIT_PER_MINUTE: '100000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      LOGIN_FAILURES_PER_ACCOUNT: '100000',
      LOGIN_FAILURES_PER_ADDRESS: '100000',
      HANDSHAKES_PER_MINUTE: '100000',
      ...options.env,
    };
    return new ProcessStack(env, database.drop);
  }

  /** The stack's configuration as the processes read it (key prefix, admin login...). */
  get config(): AppConfig {
    return AppConfig.fromEnvironment(this.env);
  }

  /** A process of the stack on a port of its own, not started yet. */
  async add(name: ProcessName, overrides: Record<string, string> = {}, options: RunOptions = {}): Promise<BuiltProcess> {
    const port = await freePort();
    const built = new BuiltProcess(name, port, { ...this.env, [portVariables[name]]: String(port), ...overrides }, options);
    this.processes.push(built);
    return built;
  }

  /** Adds a process and waits until it is ready. */
  async start(name: ProcessName, overrides: Record<string, string> = {}): Promise<BuiltProcess> {
    return (await this.add(name, overrides)).start();
  }

  /** The public API of a running `api` process, with the factories the other e2e tests use. */
  apiOf(api: BuiltProcess): TestApi {
    return new TestApi(api.url, this.config);
  }

  /** Every process's output, for a failing test's message. */
  output(): string {
    return this.processes.map((built) => built.output()).join('\n');
  }

  async close(): Promise<void> {
    for (const built of this.processes) await built.kill().catch(() => undefined);
    await this.dropDatabase();
  }
}
