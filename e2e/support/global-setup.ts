import { randomBytes } from 'node:crypto';
import { AppConfig } from '@lib/config';
import { runMigrations } from '@lib/database';
import { databaseUrl, withServerClient } from '@lib/testing';

/**
 * Builds the migrated template database once per test run; every test file then clones it
 * (`CREATE DATABASE … TEMPLATE`), which takes a fraction of a second. Workers inherit the
 * template's name through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const template = `bd_template_${randomBytes(4).toString('hex')}`;
  process.env.BD_TEST_TEMPLATE = template;
  await withServerClient((client) => client.query(`CREATE DATABASE ${template}`));
  await runMigrations(
    AppConfig.fromEnvironment({ DATABASE_URL: databaseUrl(template), REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }),
  );
}
