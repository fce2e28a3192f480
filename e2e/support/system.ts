import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createApiApp } from '../../apps/api/src/api.app';
import { createDispatcherApp } from '../../apps/dispatcher/src/dispatcher.app';
import { createTrackingApp } from '../../apps/tracking/src/tracking.app';
import { AppConfig } from '@lib/config';
import { bootTestApp, createTestDatabase, TestApi, TestApp } from '@lib/testing';

export interface TestSystem {
  api: TestApi;
  apiApp: TestApp;
  dispatchers: TestApp[];
  tracking?: TestApp;
  trackingUrl?: string;
  databaseUrl: string;
  /** Boots one more dispatcher process on the same stores (e.g. after killing one). */
  addDispatcher(): Promise<TestApp>;
  close(): Promise<void>;
}

/**
 * The whole product in one test process, as separate Nest apps sharing one database and one
 * Redis prefix, exactly as the three processes share them in production.
 */
export async function bootSystem(options: { dispatchers?: number; tracking?: boolean; overrides?: Record<string, string> } = {}): Promise<TestSystem> {
  const database = await createTestDatabase();
  const overrides = { REDIS_PREFIX: `bdtest:${randomBytes(4).toString('hex')}`, DISPATCH_TICK_SECONDS: '1', ...options.overrides };
  const shared = { databaseUrl: database.url, overrides };
  const apiApp = await bootTestApp(createApiApp, shared);
  const dispatchers: TestApp[] = [];
  const addDispatcher = async () => {
    const dispatcher = await bootTestApp(createDispatcherApp, shared);
    dispatchers.push(dispatcher);
    return dispatcher;
  };
  for (let i = 0; i < (options.dispatchers ?? 1); i += 1) await addDispatcher();
  const tracking = options.tracking ? await bootTestApp(createTrackingApp, { ...shared, listen: true }) : undefined;
  return {
    api: new TestApi(apiApp.app, apiApp.config),
    apiApp,
    dispatchers,
    tracking,
    trackingUrl: tracking ? await urlOf(tracking.app) : undefined,
    databaseUrl: database.url,
    addDispatcher,
    close: async () => {
      await tracking?.close();
      for (const dispatcher of dispatchers) await dispatcher.close().catch(() => undefined);
      await apiApp.close();
      await database.drop();
    },
  };
}

async function urlOf(app: INestApplication): Promise<string> {
  const url = await app.getUrl();
  return url.replace('[::1]', '127.0.0.1');
}

export { eventually } from './eventually';

export type { AppConfig };
