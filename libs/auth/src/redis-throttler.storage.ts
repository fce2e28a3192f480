import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { REDIS, redisKey } from '@lib/queues';

/** Count, then start the window on the first hit; one round trip, atomic. */
const incrementScript = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { hits, redis.call('PTTL', KEYS[1]) }`;

/**
 * Fixed-window rate-limit counters in Redis, shared by every replica of the API (an
 * in-memory counter would give each instance its own allowance).
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string) {
    const [totalHits, remainingMs] = (await this.redis.eval(incrementScript, 1, redisKey(this.config, 'rl', throttlerName, key), ttl)) as [number, number];
    const timeToExpire = Math.max(1, Math.ceil(remainingMs / 1000));
    const isBlocked = totalHits > limit;
    return { totalHits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }
}
