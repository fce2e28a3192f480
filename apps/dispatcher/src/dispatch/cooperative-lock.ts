import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { REDIS, redisKey, withTimeout } from '@lib/queues';

/** A holder that stops renewing (killed, frozen) frees the co-op this long after its last renewal. */
export const LEASE_MS = 5_000;
const RENEW_EVERY_MS = 1_500;
/** Work stops when the lease may have run out: no renewal confirmed for this long. */
const ABORT_AFTER_MS = LEASE_MS - 1_000;
const HEARTBEAT_MS = 250;
/** How long a request for a decision is remembered for a holder that may have died. */
const REQUEST_TTL_MS = 60_000;
/** Runs one holder makes in a row for requests that arrive meanwhile, before it hands over. */
const MAX_RUNS = 10;
/** A release that Redis does not confirm in time is left to the lease. */
const RELEASE_TIMEOUT_MS = 2_000;

/** Takes the lock, or records a request for the holder and tells how long its lease still runs. */
const acquireScript = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  redis.call('DEL', KEYS[2])
  return -1
end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
return math.max(redis.call('PTTL', KEYS[1]), 0)`;

const renewScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/**
 * -1: the lock was no longer ours; 1: a request came meanwhile and the lock is kept for another
 * run; 0: released; 2: released with a request left for someone else.
 */
const releaseScript = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
if ARGV[3] == '1' and redis.call('DEL', KEYS[2]) == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
redis.call('DEL', KEYS[1])
return redis.call('EXISTS', KEYS[2]) * 2`;

export type Exclusive<T> =
  /** `followUp`: a request arrived that these runs did not serve; someone must decide again. */
  | { held: true; results: T[]; followUp: boolean }
  /** Another holder is deciding; it will serve the request if it is alive, else its lease ends in `retryInMs`. */
  | { held: false; retryInMs: number };

export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

/**
 * One decision at a time per cooperative, whichever dispatcher instance runs it: two
 * decisions over the same couriers could otherwise both pick the same free courier. The
 * database's unique open-offer index remains the last line of defence.
 *
 * The lease is short and renewed while the work runs, so a holder that dies frees its co-op
 * within seconds; work that can no longer be sure of its lease is aborted (its transaction
 * rolls back). Nobody waits for a busy lock: the request is recorded beside it, and the holder
 * runs again before letting go, so no request for a decision is lost and none waits long.
 */
@Injectable()
export class CooperativeLock {
  private readonly logger = new Logger('CooperativeLock');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async runExclusive<T>(cooperativeId: string, work: (signal: AbortSignal) => Promise<T>): Promise<Exclusive<T>> {
    const keys = [redisKey(this.config, 'dispatch-lock', cooperativeId), redisKey(this.config, 'dispatch-requested', cooperativeId)];
    const token = randomUUID();
    const acquiredAt = Date.now();
    // While Redis is away this waits for it, as the job's own bookkeeping does.
    const acquired = Number(await this.redis.eval(acquireScript, 2, ...keys, token, LEASE_MS, REQUEST_TTL_MS));
    if (acquired >= 0) return { held: false, retryInMs: acquired };

    const lease = this.keepAlive(keys[0], token, acquiredAt);
    const results: T[] = [];
    try {
      for (;;) {
        results.push(await work(lease.signal));
        const released = await this.release(keys, token, results.length < MAX_RUNS);
        if (released !== 1) return { held: true, results, followUp: released !== 0 };
      }
    } catch (error) {
      await this.release(keys, token, false);
      if (!(error instanceof LeaseLostError)) throw error;
      this.logger.warn({ cooperativeId, reason: error.message }, 'dispatch lock lost mid-decision; decision rolled back, another one follows');
      return { held: true, results, followUp: true };
    } finally {
      lease.stop();
    }
  }

  private async release(keys: string[], token: string, mayContinue: boolean): Promise<number> {
    try {
      return Number(await withTimeout(this.redis.eval(releaseScript, 2, ...keys, token, LEASE_MS, mayContinue ? '1' : '0'), RELEASE_TIMEOUT_MS, 'dispatch lock release'));
    } catch (error) {
      // The lease ends by itself; whether a request is pending is unknown, so assume one is.
      this.logger.warn({ err: error }, 'dispatch lock not released; its lease will run out');
      return 2;
    }
  }

  /** Renews the lease while work runs; aborts the work once the lease may be gone. */
  private keepAlive(key: string, token: string, acquiredAt: number): { signal: AbortSignal; stop: () => void } {
    const controller = new AbortController();
    // A renewal counts from when it was sent: the lease it set cannot end earlier than that plus LEASE_MS.
    let confirmedAt = acquiredAt;
    let sentAt = acquiredAt;
    let renewing = false;
    const lost = (reason: string) => controller.abort(new LeaseLostError(reason));
    const timer = setInterval(() => {
      const now = Date.now();
      if (now - confirmedAt > ABORT_AFTER_MS) return lost('no renewal confirmed in time');
      if (renewing || now - sentAt < RENEW_EVERY_MS) return;
      renewing = true;
      sentAt = now;
      this.redis
        .eval(renewScript, 1, key, token, LEASE_MS)
        .then((renewed) => (Number(renewed) === 1 ? (confirmedAt = now) : lost('taken over after the lease ran out')))
        // A failed renewal is tried again on a later beat; the deadline above decides when to give up.
        .catch(() => undefined)
        .finally(() => (renewing = false));
    }, HEARTBEAT_MS);
    return { signal: controller.signal, stop: () => clearInterval(timer) };
  }
}
