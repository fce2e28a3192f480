import { INestApplication } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { createTestDatabase, testConfig } from './test-environment';

export interface TestApp<T extends INestApplication = INestApplication> {
  app: T;
  config: AppConfig;
  databaseUrl: string;
  close: () => Promise<void>;
}

/**
 * Boots a real Nest app (as its entry point builds it) on a fresh database cloned from the
 * migrated template. `listen` is optional: supertest drives the HTTP server directly, while
 * socket.io tests need a real port.
 */
export async function bootTestApp<T extends INestApplication>(
  create: (config: AppConfig) => Promise<T>,
  options: { overrides?: Record<string, string>; listen?: boolean; databaseUrl?: string } = {},
): Promise<TestApp<T>> {
  const database = options.databaseUrl ? null : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? database!.url;
  const config = testConfig(databaseUrl, options.overrides);
  const app = await create(config);
  if (options.listen) await app.listen(0, '127.0.0.1');
  else await app.init();
  return {
    app,
    config,
    databaseUrl,
    close: async () => {
      await app.close();
      await database?.drop();
    },
  };
}
