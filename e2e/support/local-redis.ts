import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort } from '@lib/testing';

export interface LocalRedisOptions {
  /** Keep an append-only file, so a restarted server has its keys back (as production runs it). */
  appendonly?: boolean;
  /** `maxmemory-policy`; redis-server's own default (noeviction) when absent. */
  maxmemoryPolicy?: string;
  /** More redis-server arguments, e.g. `['--rename-command', 'CONFIG', '']` as managed Redis does. */
  args?: string[];
}

/** A private redis-server for fault injection: it can be killed and restarted on the same port. */
export class LocalRedis {
  private process?: ChildProcess;
  /** Where the append-only file lives, kept across restarts; none without one. */
  private readonly dir?: string;

  private constructor(
    readonly port: number,
    private readonly options: LocalRedisOptions,
  ) {
    if (options.appendonly) this.dir = mkdtempSync(join(tmpdir(), 'bd-redis-'));
  }

  static async start(options: LocalRedisOptions = {}): Promise<LocalRedis> {
    const redis = new LocalRedis(await freePort(), options);
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server unless it is already running. */
  async start(): Promise<void> {
    if (this.process && this.process.exitCode === null && this.process.signalCode === null) return;
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', ''];
    args.push(...(this.dir ? ['--dir', this.dir, '--appendonly', 'yes'] : ['--appendonly', 'no']));
    if (this.options.maxmemoryPolicy) args.push('--maxmemory-policy', this.options.maxmemoryPolicy);
    args.push(...(this.options.args ?? []));
    this.process = spawn('redis-server', args, { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        probe.disconnect();
      }
    }
  }

  /** Kills the server abruptly, as a crash would (without an append-only file it keeps nothing). */
  async kill(): Promise<void> {
    const running = this.process;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  }

  /** Kills the server and removes its append-only file, if any. */
  async destroy(): Promise<void> {
    await this.kill();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
