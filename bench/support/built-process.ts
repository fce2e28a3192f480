import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AppConfig } from '@lib/config';
import { freePort, TestApi, waitUntilReady } from '@lib/testing';
import { projectRoot } from './project-root';

export type ProcessName = 'api' | 'dispatcher' | 'tracking';
/** `getconf CLK_TCK`: 100 on every Linux we run on. */
const CLOCK_TICKS_PER_SECOND = 100;
const portVariables: Record<ProcessName, string> = { api: 'API_PORT', dispatcher: 'DISPATCHER_PORT', tracking: 'TRACKING_PORT' };

/**
 * One built process (dist/apps/<name>/src/main.js) as an operator runs it, after the idea of
 * e2e/reliability/support/processes.ts: its own environment and port, ready when
 * /health/ready answers. Its output goes to a file, not through this process, so logging
 * costs the bench's load generator nothing; the tail is shown when it fails.
 */
export class BenchProcess {
  private child?: ChildProcess;
  private readonly logFile = join(tmpdir(), `bench-${randomBytes(4).toString('hex')}.log`);

  private constructor(
    readonly name: ProcessName,
    readonly port: number,
    readonly env: Readonly<Record<string, string>>,
  ) {}

  static async start(name: ProcessName, env: Record<string, string>, timeoutMs = 30_000): Promise<BenchProcess> {
    const port = await freePort();
    const built = new BenchProcess(name, port, { ...env, [portVariables[name]]: String(port) });
    await built.spawn(timeoutMs);
    return built;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the process wrote. */
  output(lines = 60): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n') : '';
  }

  /**
   * CPU seconds the process has used so far (user + system, from /proc on Linux). What a request
   * costs in CPU holds on a busy machine, where its wall time does not.
   */
  cpuSeconds(): number {
    const pid = this.child?.pid;
    if (!pid || !existsSync(`/proc/${pid}/stat`)) return Number.NaN;
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is 14th, stime 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  }

  /** Resident memory of the process now, in bytes (VmRSS from /proc on Linux). */
  residentBytes(): number {
    const pid = this.child?.pid;
    if (!pid || !existsSync(`/proc/${pid}/status`)) return Number.NaN;
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((resolve) => this.child!.once('exit', resolve));
    this.child!.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private async spawn(timeoutMs: number): Promise<void> {
    const entry = join(projectRoot(), 'dist', 'apps', this.name, 'src', 'main.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build:server" first`);
    const log = openSync(this.logFile, 'a');
    // BENCH_CPU_PROF=<folder>: the process writes a V8 CPU profile there when it stops (node --cpu-prof).
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
    this.child = spawn(process.execPath, [...profile, entry], { env: { PATH: process.env.PATH ?? '', ...this.env }, stdio: ['ignore', log, log] });
    closeSync(log);
    try {
      await waitUntilReady(this, timeoutMs);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }
}

/** The environment of a bench's processes: production defaults, a private database and Redis prefix, the given overrides. */
export function benchEnvironment(databaseUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `bdbench:${randomBytes(4).toString('hex')}`,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    ADMIN_EMAIL: 'admin@bench.example',
    ADMIN_PASSWORD: 'admin-bench-password',
    ...overrides,
  };
}

/** The factories of the e2e tests (`newCooperative`...) over HTTP to a running API process. */
export class ProcessTestApi extends TestApi {
  constructor(
    private readonly baseUrl: string,
    env: Record<string, string>,
  ) {
    super(undefined as unknown as INestApplication, AppConfig.fromEnvironment(env));
  }

  override get http() {
    return request(this.baseUrl);
  }
}
