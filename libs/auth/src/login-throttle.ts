import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { ProblemError } from '@lib/http';
import { createRedis, PIPELINED, redisKey } from '@lib/queues';

/**
 * Counts this attempt against the account and the address (each window starts at its first
 * attempt) and answers how many seconds to wait when either is over its allowance, else 0.
 * Counting before the password is checked makes the limit hold under concurrent guesses.
 */
const attemptScript = `
local waits = 0
for i, key in ipairs(KEYS) do
  local attempts = redis.call('INCR', key)
  if attempts == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
  if attempts > tonumber(ARGV[i + 1]) then waits = math.max(waits, redis.call('PTTL', key)) end
end
return waits`;

/** A successful login forgets the account's failures and gives the address its attempt back. */
const successScript = `
redis.call('DEL', KEYS[1])
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
return 0`;

/**
 * Limits failed password attempts per account and, far more loosely, per address. A co-op's
 * riders all log in from the office's one address at the start of a shift: successful logins
 * never count, so only guessing is slowed, whoever it targets. Shared across API replicas in
 * Redis; if Redis is away, logins are not limited rather than refused.
 */
@Injectable()
export class LoginThrottle implements OnApplicationShutdown {
  private readonly logger = new Logger('LoginThrottle');
  // Its own connection, failing fast instead of holding logins while Redis is down.
  private readonly redis: Redis;

  constructor(private readonly config: AppConfig) {
    this.redis = createRedis(config, 'login-throttle', { ...PIPELINED, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  }

  /** Counts an attempt; throws a 429 with Retry-After when the account or the address is over its allowance. */
  async attempt(email: string, address: string): Promise<void> {
    const { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS, LOGIN_FAILURE_WINDOW_SECONDS } = this.config.env;
    let waitMs = 0;
    try {
      waitMs = Number(
        await this.redis.eval(attemptScript, 2, this.accountKey(email), this.addressKey(address), LOGIN_FAILURE_WINDOW_SECONDS * 1000, LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS),
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'login attempts not limited: Redis unavailable');
    }
    if (waitMs > 0) throw ProblemError.tooManyRequests('Too many failed logins; wait before trying again', Math.ceil(waitMs / 1000), 'too_many_failed_logins');
  }

  async succeeded(email: string, address: string): Promise<void> {
    await this.redis.eval(successScript, 2, this.accountKey(email), this.addressKey(address)).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not clear failed logins: Redis unavailable');
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  // E-mails are hashed: Redis holds no personal data, only counters.
  private accountKey(email: string): string {
    return redisKey(this.config, 'login-failures', 'account', createHash('sha256').update(email.trim().toLowerCase()).digest('hex'));
  }

  private addressKey(address: string): string {
    return redisKey(this.config, 'login-failures', 'address', address);
  }
}
