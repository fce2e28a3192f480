import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { AppConfig } from '@lib/config';

/** The server the tests use: TEST_DATABASE_URL, else DATABASE_URL, else the local default. */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/**
 * The migrated template of this test run. Named per run (global setup sets it), so two runs
 * on one server (a developer's and CI's) never drop each other's databases.
 */
export function templateDatabase(): string {
  const name = process.env.BD_TEST_TEMPLATE;
  if (!name) throw new Error('BD_TEST_TEMPLATE is not set: run the e2e tests through jest (global setup creates it)');
  return name;
}

export function databaseUrl(name: string): string {
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withServerClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database cloned from the migrated template (fast: a file copy, no migrations),
 * so each test file is independent of every other.
 */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `bd_test_${randomBytes(6).toString('hex')}`;
  await withServerClient((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withServerClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Config for apps under test: a private database and a private Redis key prefix. */
export function testConfig(databaseUrlForTest: string, overrides: Record<string, string> = {}): AppConfig {
  return AppConfig.fromEnvironment({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrlForTest,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `bdtest:${randomBytes(4).toString('hex')}`,
    JWT_SECRET: 'test-secret-test-secret-test-secret',
    ADMIN_EMAIL: 'admin@test.example',
    ADMIN_PASSWORD: 'admin-test-password',
    BCRYPT_COST: '4',
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_FAILURES_PER_ACCOUNT: '100000',
    LOGIN_FAILURES_PER_ADDRESS: '100000',
    HANDSHAKES_PER_MINUTE: '100000',
    // Webhook tests receive on 127.0.0.1; one test turns this off to check the refusal.
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    ...overrides,
  });
}
