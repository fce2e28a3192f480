import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import Redis from 'ioredis';
import { createApiApp } from '../../apps/api/src/api.app';
import { createDispatcherApp } from '../../apps/dispatcher/src/dispatcher.app';
import { createTrackingApp } from '../../apps/tracking/src/tracking.app';
import { AppConfig } from '@lib/config';
import { createRedis } from '@lib/queues';
import { RealtimePublisher } from '@lib/realtime';
import { bootTestApp, createTestDatabase, freePort, TestApi, TestApp } from '@lib/testing';
import { ensureWebBuilt } from './web-build';

/** A tile server that refuses connections: the pages must draw without any tile. */
export const NO_TILES = 'http://127.0.0.1:9/tiles/{z}/{x}/{y}.png';

export interface SystemOptions {
  /** Dispatcher apps to boot (default 1; 0 for the API alone). */
  dispatchers?: number;
  /** Tracking gateways to boot, each listening on its own port (`true` is one). */
  tracking?: boolean | number;
  /**
   * Serve the built pages: the API listens (the browser's origin), its pages are told the
   * first gateway's URL and the gateways admit that origin.
   */
  web?: boolean;
  /** Environment for every app, over the test defaults. */
  overrides?: Record<string, string>;
  /** Environment for the gateways only, over `overrides`. */
  trackingOverrides?: Record<string, string>;
}

export interface TestSystem {
  api: TestApi;
  apiApp: TestApp<NestExpressApplication>;
  dispatchers: TestApp[];
  gateways: TestApp[];
  /** The first gateway, when there is one. */
  tracking?: TestApp;
  /** The first gateway's base URL (`http://127.0.0.1:<port>`), when there is one. */
  trackingUrl?: string;
  /** The base URL of gateway `index`. */
  gatewayUrl(index?: number): string;
  /** Where a browser opens the pages (the API's own origin); only with `web`. */
  baseUrl?: string;
  databaseUrl: string;
  /** A publisher as apps/api and apps/dispatcher build it, on the same Redis prefix (made on first use). */
  readonly publisher: RealtimePublisher;
  /** Runs SQL as the database owner (no row-level security), to look behind the API. */
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** Boots one more dispatcher on the same stores (e.g. after killing one), with its own overrides if given. */
  addDispatcher(overrides?: Record<string, string>): Promise<TestApp>;
  close(): Promise<void>;
}

/**
 * The whole product in one test process, as separate Nest apps sharing one database and one
 * Redis prefix, exactly as the three processes share them in production. The sizes tests use:
 * the API alone (`dispatchers: 0`), with dispatchers, with tracking gateways, with the pages.
 */
export async function bootSystem(options: SystemOptions & { web: true }): Promise<TestSystem & { baseUrl: string }>;
export async function bootSystem(options?: SystemOptions): Promise<TestSystem>;
export async function bootSystem(options: SystemOptions = {}): Promise<TestSystem> {
  const database = await createTestDatabase();
  const overrides = { REDIS_PREFIX: `bdtest:${randomBytes(4).toString('hex')}`, DISPATCH_TICK_SECONDS: '1', ...options.overrides };
  const shared = { databaseUrl: database.url, overrides };
  const gatewayCount = options.tracking === true ? 1 : Number(options.tracking || 0);
  // With the pages, the API and the gateways must know each other before either listens: the
  // API tells the pages the gateway's URL, and a gateway admits only page origins it was told
  // of. So the gateways' ports are reserved first, then the API boots, then the gateways.
  const gatewayPorts: number[] = [];
  for (let i = 0; i < gatewayCount; i++) gatewayPorts.push(options.web ? await freePort() : 0);
  if (options.web) ensureWebBuilt();
  const apiApp = await bootTestApp<NestExpressApplication>(createApiApp, {
    databaseUrl: database.url,
    listen: options.web,
    overrides: options.web
      ? { MAP_TILE_URL: NO_TILES, ...(gatewayCount ? { TRACKING_PUBLIC_URL: `http://127.0.0.1:${gatewayPorts[0]}` } : {}), ...overrides }
      : overrides,
  });
  const baseUrl = options.web ? urlOf(apiApp) : undefined;
  const gateways: TestApp[] = [];
  for (const port of gatewayPorts) {
    const gateway = await bootTestApp(createTrackingApp, {
      databaseUrl: database.url,
      overrides: { ...overrides, ...(baseUrl ? { CORS_ORIGINS: baseUrl } : {}), ...options.trackingOverrides },
    });
    await gateway.app.listen(port, '127.0.0.1');
    gateways.push(gateway);
  }
  const dispatchers: TestApp[] = [];
  const addDispatcher = async (extra: Record<string, string> = {}) => {
    const dispatcher = await bootTestApp(createDispatcherApp, { databaseUrl: database.url, overrides: { ...overrides, ...extra } });
    dispatchers.push(dispatcher);
    return dispatcher;
  };
  for (let i = 0; i < (options.dispatchers ?? 1); i += 1) await addDispatcher();
  let redis: Redis | undefined;
  let publisher: RealtimePublisher | undefined;
  let owner: Promise<Client> | undefined;
  const gatewayUrl = (index = 0) => urlOf(gateways[index]);
  return {
    api: new TestApi(apiApp.app, apiApp.config),
    apiApp,
    dispatchers,
    gateways,
    tracking: gateways[0],
    trackingUrl: gateways.length ? gatewayUrl() : undefined,
    gatewayUrl,
    baseUrl,
    databaseUrl: database.url,
    get publisher() {
      redis ??= createRedis(apiApp.config, 'test-publisher');
      return (publisher ??= new RealtimePublisher(redis, apiApp.config));
    },
    sql: async (text, values) => {
      owner ??= (async () => {
        const client = new Client({ connectionString: database.url });
        await client.connect();
        return client;
      })();
      return (await (await owner).query(text, values)).rows;
    },
    addDispatcher,
    close: async () => {
      for (const gateway of gateways) await gateway.close();
      for (const dispatcher of dispatchers) await dispatcher.close().catch(() => undefined);
      await (await owner)?.end();
      await redis?.quit();
      await apiApp.close();
      await database.drop();
    },
  };
}

function urlOf(testApp: TestApp): string {
  return `http://127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}`;
}

export { eventually } from './eventually';

export type { AppConfig };
