import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { ProblemError } from '@lib/http';
import { closeRedis, createRedis, PIPELINED, redisKey } from '@lib/queues';
import type { Principal } from './principal';

/**
 * Ends a person's sessions before their tokens expire: a member who leaves the co-op, or
 * whose password was reset. Access tokens are verified without the database, so each check
 * asks Redis whether the token was issued before its user's sessions were revoked (one GET;
 * the mark lives as long as a token does). Shared by every API replica and gateway.
 */
@Injectable()
export class SessionRevocations implements OnApplicationShutdown {
  private readonly logger = new Logger('SessionRevocations');
  // Its own connection, failing fast: a request never waits for Redis to come back.
  private readonly redis: Redis;

  constructor(private readonly config: AppConfig) {
    this.redis = createRedis(config, 'sessions', { ...PIPELINED, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  }

  /** Every token of this user issued until now stops working. Throws 503 when Redis cannot record it. */
  async revokeUser(userId: string): Promise<void> {
    try {
      await this.redis.set(this.key(userId), String(Date.now()), 'PX', this.config.env.JWT_TTL_SECONDS * 1000);
    } catch (error) {
      this.logger.warn({ err: error, userId }, 'could not revoke sessions: Redis unavailable');
      throw new ProblemError(503, 'Sessions could not be ended now; nothing was changed, retry shortly', 'unavailable', undefined, 5);
    }
  }

  /**
   * Whether the principal's token was issued before its user's sessions were revoked. API keys
   * (no user) are revoked on their own. If Redis is away the token is taken as valid: orders
   * must still be accepted, and a revoked user's token stops at its expiry at the latest.
   */
  async isRevoked(principal: Principal): Promise<boolean> {
    if (!principal.userId || !principal.issuedAt) return false;
    try {
      const revokedAt = await this.redis.get(this.key(principal.userId));
      return revokedAt !== null && principal.issuedAt.getTime() <= Number(revokedAt);
    } catch (error) {
      this.logger.warn({ err: error }, 'session revocation not checked: Redis unavailable');
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }

  private key(userId: string): string {
    return redisKey(this.config, 'sessions-revoked', userId);
  }
}
