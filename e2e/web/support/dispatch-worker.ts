import { createDispatcherApp } from '../../../apps/dispatcher/src/dispatcher.app';
import { bootTestApp, TestApp } from '@lib/testing';
import type { WebStack } from './web-stack';

/** The dispatch worker on the stack's database and Redis prefix, ticking every second so offers come quickly. */
export function bootDispatchWorker(stack: WebStack): Promise<TestApp> {
  return bootTestApp(createDispatcherApp, {
    databaseUrl: stack.apiApp.databaseUrl,
    overrides: { REDIS_PREFIX: stack.apiApp.config.env.REDIS_PREFIX, DISPATCH_TICK_SECONDS: '1' },
  });
}
