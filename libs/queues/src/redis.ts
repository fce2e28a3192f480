import Redis, { RedisOptions } from 'ioredis';
import { AppConfig } from '@lib/config';

/**
 * A Redis connection. `maxRetriesPerRequest: null` is what BullMQ requires for workers,
 * and is right for us everywhere: a command waits for Redis to come back instead of failing.
 */
export function createRedis(config: AppConfig, connectionName: string, overrides: RedisOptions = {}): Redis {
  return new Redis(config.env.REDIS_URL, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName, ...overrides });
}

/** Every Redis key we write is namespaced, so deployments and test runs can share one server. */
export function redisKey(config: AppConfig, ...parts: string[]): string {
  return [config.env.REDIS_PREFIX, ...parts].join(':');
}
