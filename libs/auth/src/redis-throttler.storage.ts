import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { createRedis, PIPELINED, redisKey } from '@lib/queues';

/** Count, then start the window on the first hit; one round trip, atomic (sent by its SHA once loaded). */
const incrementScript = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { hits, redis.call('PTTL', KEYS[1]) }`;

type RateLimitRedis = Redis & { rateLimitHit(key: string, windowMs: number): Promise<[number, number]> };

/**
 * Fixed-window rate-limit counters in Redis, shared by every replica of the API (an
 * in-memory counter would give each instance its own allowance). If Redis is away the
 * limit is not enforced rather than every request waiting: orders must still be accepted.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  // Its own connection, failing fast instead of queueing commands while Redis is down.
  private readonly redis: Redis;

  constructor(private readonly config: AppConfig) {
    this.redis = createRedis(config, 'rate-limit', { ...PIPELINED, enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: false });
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: incrementScript });
  }

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string) {
    try {
      const [totalHits, remainingMs] = (await (this.redis as RateLimitRedis).rateLimitHit(redisKey(this.config, 'rl', throttlerName, key), ttl)) as [number, number];
      const timeToExpire = Math.max(1, Math.ceil(remainingMs / 1000));
      const isBlocked = totalHits > limit;
      return { totalHits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
    } catch (error) {
      this.logger.warn({ err: error }, 'rate limit not enforced: Redis unavailable');
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
