import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { REDIS, redisKey } from '@lib/queues';

const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const LEASE_MS = 30_000;
const WAIT_MS = 15_000;
const RETRY_MS = 25;

/**
 * One decision at a time per cooperative, whichever dispatcher instance runs it: two
 * decisions over the same couriers could otherwise both pick the same free courier. The
 * database's unique open-offer index remains the last line of defence.
 */
@Injectable()
export class CooperativeLock {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async withLock<T>(cooperativeId: string, work: () => Promise<T>): Promise<T> {
    const key = redisKey(this.config, 'dispatch-lock', cooperativeId);
    const token = randomUUID();
    const deadline = Date.now() + WAIT_MS;
    while ((await this.redis.set(key, token, 'PX', LEASE_MS, 'NX')) !== 'OK') {
      if (Date.now() > deadline) throw new Error(`dispatch lock for cooperative ${cooperativeId} is busy`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    try {
      return await work();
    } finally {
      await this.redis.eval(releaseScript, 1, key, token);
    }
  }
}
