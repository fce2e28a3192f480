import { randomBytes } from 'node:crypto';
import { AppConfig } from '@lib/config';
import { runMigrations } from '@lib/database';
import { databaseUrl, withServerClient } from '@lib/testing';

export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A database of the bench's own on the test server: a clone of the e2e template when one
 * exists (the smoke tests run under Jest's global setup), else created and migrated here.
 */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `bd_bench_${randomBytes(5).toString('hex')}`;
  const template = process.env.BD_TEST_TEMPLATE;
  await withServerClient((client) => client.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`));
  const url = databaseUrl(name);
  const drop = () => withServerClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
  if (!template) {
    try {
      await runMigrations(AppConfig.fromEnvironment({ DATABASE_URL: url, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', LOG_LEVEL: 'silent' }));
    } catch (error) {
      await drop();
      throw error;
    }
  }
  return { name, url, drop };
}
