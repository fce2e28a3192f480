import { Logger } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { AppConfig } from '@lib/config';

/**
 * A Redis connection. `maxRetriesPerRequest: null` is what BullMQ requires for workers,
 * and is right for us everywhere: a command waits for Redis to come back instead of failing.
 */
export function createRedis(config: AppConfig, connectionName: string, overrides: RedisOptions = {}): Redis {
  const redis = new Redis(config.env.REDIS_URL, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName, ...overrides });
  // ioredis reconnects by itself; without a listener it would print every failed attempt raw.
  let reported = false;
  redis.on('error', (error: Error) => {
    if (!reported) logger.warn({ err: error, connectionName }, 'Redis connection error; reconnecting');
    reported = true;
  });
  redis.on('ready', () => (reported = false));
  return redis;
}

const logger = new Logger('Redis');

/**
 * Connection options (not a connection) for libraries that open and close their own
 * connections, such as BullMQ: handing them a shared instance would leave it open at shutdown.
 */
export function redisOptions(config: AppConfig, connectionName: string): RedisOptions {
  const url = new URL(config.env.REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    connectionName,
  };
}

/** Every Redis key we write is namespaced, so deployments and test runs can share one server. */
export function redisKey(config: AppConfig, ...parts: string[]): string {
  return [config.env.REDIS_PREFIX, ...parts].join(':');
}
