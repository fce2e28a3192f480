import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApiApp } from '../../../apps/api/src/api.app';
import { createTrackingApp } from '../../../apps/tracking/src/tracking.app';
import { bootTestApp, TestApi, TestApp } from '@lib/testing';
import { ensureWebBuilt } from './web-build';
import { freePort } from '../../support/free-port';

/** A tile server that refuses connections: the pages must draw without any tile. */
export const NO_TILES = 'http://127.0.0.1:9/tiles/{z}/{x}/{y}.png';

export interface WebStack {
  api: TestApi;
  apiApp: TestApp<NestExpressApplication>;
  /** Where the browser opens the pages (the API's own origin). */
  baseUrl: string;
  trackingUrl?: string;
  close: () => Promise<void>;
}

/**
 * The API serving the built pages, and optionally the tracking gateway on the same database
 * and Redis prefix. The two must know each other before either listens: the API tells the
 * pages the gateway's URL, and the gateway admits only page origins it was told of. So the
 * gateway's port is reserved first, then the API boots, then the gateway with the API's origin.
 */
export async function bootWebStack(options: { tracking?: boolean; overrides?: Record<string, string> } = {}): Promise<WebStack> {
  ensureWebBuilt();
  const trackingUrl = options.tracking ? `http://127.0.0.1:${await freePort()}` : undefined;
  const apiApp = await bootTestApp<NestExpressApplication>(createApiApp, {
    listen: true,
    overrides: { MAP_TILE_URL: NO_TILES, ...(trackingUrl ? { TRACKING_PUBLIC_URL: trackingUrl } : {}), ...options.overrides },
  });
  const baseUrl = (await apiApp.app.getUrl()).replace('[::1]', '127.0.0.1');
  let gateway: TestApp | undefined;
  if (trackingUrl) {
    gateway = await bootTestApp(createTrackingApp, {
      databaseUrl: apiApp.databaseUrl,
      overrides: { REDIS_PREFIX: apiApp.config.env.REDIS_PREFIX, CORS_ORIGINS: baseUrl, ...options.overrides },
    });
    await gateway.app.listen(Number(new URL(trackingUrl).port), '127.0.0.1');
  }
  return {
    api: new TestApi(apiApp.app, apiApp.config),
    apiApp,
    baseUrl,
    trackingUrl,
    close: async () => {
      await gateway?.close();
      await apiApp.close();
    },
  };
}
