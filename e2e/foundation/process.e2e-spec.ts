import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase } from '@lib/testing';

const root = join(__dirname, '..', '..');
const entryPoints = {
  api: join(root, 'dist/apps/api/src/main.js'),
  migrate: join(root, 'dist/libs/database/src/cli/migrate.js'),
};

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(entry: string, env: Record<string, string>, untilStdout?: RegExp): { child: ChildProcess; exited: Promise<Exit>; ready: Promise<void> } {
  const child = spawn(process.execPath, [entry], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  let signalReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    if (untilStdout?.test(stdout)) signalReady();
  });
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  return { child, exited, ready };
}

/** The built processes, started as an operator would (npm run build first). */
describe('process start-up and shutdown', () => {
  const base = { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', JWT_SECRET: 'process-test-secret-123', API_PORT: '0' };

  beforeAll(() => {
    for (const entry of Object.values(entryPoints)) {
      if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" before the e2e tests`);
    }
  });

  it('stops with one clear line when DATABASE_URL is missing', async () => {
    const { exited } = run(entryPoints.api, base);
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('api failed to start: DATABASE_URL is missing');
  });

  it('stops with one clear line when PostgreSQL is unreachable, without printing the password', async () => {
    const { exited } = run(entryPoints.api, { ...base, DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:1/nothing' });
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^api failed to start: DATABASE_URL is unreachable \(postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/nothing\)/);
    expect(stderr).not.toContain('s3cret');
  });

  it('stops with one clear line when Redis is unreachable', async () => {
    const database = await createTestDatabase();
    try {
      const { exited } = run(entryPoints.api, { ...base, DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:1' });
      const { code, stderr } = await exited;
      expect(code).toBe(1);
      expect(stderr.trim()).toMatch(/^api failed to start: REDIS_URL is unreachable \(redis:\/\/127\.0\.0\.1:1\): .*ECONNREFUSED/);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      await database.drop();
    }
  });

  it('migrates idempotently and exits cleanly on SIGTERM', async () => {
    const database = await createTestDatabase();
    try {
      const again = await run(entryPoints.migrate, { ...base, DATABASE_URL: database.url }).exited;
      expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining('up to date') });

      const api = run(entryPoints.api, { ...base, DATABASE_URL: database.url }, /listening on/);
      await api.ready;
      api.child.kill('SIGTERM');
      const { code, stdout } = await api.exited;
      expect(code).toBe(0);
      expect(stdout).toContain('api stopped');
    } finally {
      await database.drop();
    }
  });
});
