import { Logger } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { AppConfig } from '@lib/config';
import { withTimeout } from './with-timeout';

/**
 * A Redis connection. `maxRetriesPerRequest: null` is what BullMQ requires for workers,
 * and is right for us everywhere: a command waits for Redis to come back instead of failing.
 */
/**
 * For a connection many requests share (commands, publishes, rate limits; never a blocking
 * or subscribing one): the commands issued in one event-loop turn go out in one socket write.
 * Under load each write is a system call that costs more than the command itself (issue 20:
 * ~45 % of the API's CPU went to socket writes).
 */
export const PIPELINED: RedisOptions = { enableAutoPipelining: true };

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

/** How long a connection may take to say goodbye before it is cut. */
const QUIT_TIMEOUT_MS = 1000;

/**
 * Closes a connection without ever waiting for Redis to come back. `quit()` lets the commands
 * already sent finish, but while Redis is away it waits behind queued commands for a
 * reconnection that may never come; then (or if it takes too long) the connection is cut.
 * Commands still queued then never settle (ioredis), so nothing in a shutdown may wait on them.
 */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status === 'ready') {
    const quit = await withTimeout(redis.quit(), QUIT_TIMEOUT_MS, 'Redis QUIT').then(
      () => true,
      () => false,
    );
    if (quit) return;
  }
  redis.disconnect();
}

/** Connection options (not a connection), for tools that open and close their own connections. */
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
