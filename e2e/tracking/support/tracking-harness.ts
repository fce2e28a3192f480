import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import Redis from 'ioredis';
import { createApiApp } from '../../../apps/api/src/api.app';
import { createTrackingApp } from '../../../apps/tracking/src/tracking.app';
import { createRedis } from '@lib/queues';
import { RealtimePublisher } from '@lib/realtime';
import { bootTestApp, TestApi, TestApp } from '@lib/testing';

export interface TrackingHarness {
  api: TestApi;
  apiApp: TestApp;
  gateways: TestApp[];
  /** The base URL of gateway instance `index` (`http://127.0.0.1:<port>`). */
  gatewayUrl: (index?: number) => string;
  /** A publisher as apps/api and apps/dispatcher build it, on the same Redis prefix. */
  publisher: RealtimePublisher;
  /** Runs SQL as the database owner (no row-level security), to look behind the API. */
  sql: <T = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
}

/**
 * The API and `instances` tracking gateways as production runs them: one database, one Redis
 * (one key prefix), each gateway on its own port.
 */
export async function bootTracking(instances = 1, overrides: Record<string, string> = {}): Promise<TrackingHarness> {
  const apiApp = await bootTestApp(createApiApp);
  const shared = { databaseUrl: apiApp.databaseUrl, overrides: { REDIS_PREFIX: apiApp.config.env.REDIS_PREFIX, ...overrides } };
  const gateways: TestApp[] = [];
  for (let i = 0; i < instances; i++) gateways.push(await bootTestApp(createTrackingApp, { ...shared, listen: true }));
  const redis: Redis = createRedis(apiApp.config, 'test-publisher');
  const owner = new Client({ connectionString: apiApp.databaseUrl });
  await owner.connect();
  return {
    api: new TestApi(apiApp.app, apiApp.config),
    apiApp,
    gateways,
    gatewayUrl: (index = 0) => `http://127.0.0.1:${(gateways[index].app.getHttpServer().address() as AddressInfo).port}`,
    publisher: new RealtimePublisher(redis, apiApp.config),
    sql: async (text, values) => (await owner.query(text, values)).rows,
    close: async () => {
      for (const gateway of gateways) await gateway.close();
      await owner.end();
      await redis.quit();
      await apiApp.close();
    },
  };
}
