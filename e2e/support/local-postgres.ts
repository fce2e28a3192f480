import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppConfig } from '@lib/config';
import { runMigrations } from '@lib/database';
import { freePort } from '@lib/testing';

/** The server binaries of the PostgreSQL that the suite already uses (`pg_config --bindir`). */
function serverBin(): string {
  return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
}

/**
 * A private PostgreSQL cluster for fault injection: it can be stopped as a crash would
 * (`immediate`) and started again on the same port, without disturbing the server that the
 * rest of the suite shares. initdb and postgres refuse to run as root, so as root they run
 * as the `postgres` user, as scripts/lib/services.sh does.
 */
export class LocalPostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<LocalPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'bd-pg-'));
    chmodSync(dir, 0o755);
    if (process.getuid?.() === 0) {
      const idOf = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
      chownSync(dir, idOf('-u'), idOf('-g'));
    }
    const server = new LocalPostgres(await freePort(), dir);
    server.asServerUser('initdb', '-D', server.dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync');
    await server.start();
    return server;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  urlOf(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** A migrated database on this cluster, as `npm run db:migrate` makes it. */
  async createDatabase(name: string, redisUrl: string): Promise<string> {
    const client = new Client({ connectionString: this.urlOf('postgres') });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    await runMigrations(AppConfig.fromEnvironment({ DATABASE_URL: this.urlOf(name), REDIS_URL: redisUrl }));
    return this.urlOf(name);
  }

  async start(): Promise<void> {
    this.asServerUser('pg_ctl', '-D', this.dataDir, '-l', join(this.dir, 'postgres.log'), '-w', '-t', '60', '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start');
  }

  /** Stops the server as a crash would: no checkpoint, every connection cut at once. */
  crash(): void {
    this.asServerUser('pg_ctl', '-D', this.dataDir, '-m', 'immediate', '-w', 'stop');
  }

  async destroy(): Promise<void> {
    try {
      this.asServerUser('pg_ctl', '-D', this.dataDir, '-m', 'immediate', '-w', 'stop');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private asServerUser(program: string, ...args: string[]): void {
    const binary = join(serverBin(), program);
    const [command, commandArgs] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
    execFileSync(command as string, commandArgs as string[], { cwd: '/', stdio: 'pipe' });
  }
}
