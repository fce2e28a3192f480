import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { CourierLocationsRepository, Transactions } from '@lib/database';
import { REDIS, redisKey } from '@lib/queues';

const PRUNE_EVERY_MS = 3600_000;
const PRUNE_CHUNK_ROWS = 10_000;

/**
 * Deletes history older than the retention, hourly, in chunks (short transactions, no long
 * locks). Every gateway instance runs the timer; a Redis lock lets one of them do the work.
 */
@Injectable()
export class LocationHistoryRetention implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LocationHistoryRetention.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly transactions: Transactions,
    private readonly locations: CourierLocationsRepository,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.pruneOnce().catch((error: unknown) => this.logger.warn({ err: error }, 'history pruning failed')), PRUNE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Returns how many points were deleted (0 when another instance holds this hour's lock). */
  async pruneOnce(now: Date = new Date()): Promise<number> {
    const lock = redisKey(this.config, 'lock', 'courier-locations-prune');
    const acquired = await this.redis.set(lock, '1', 'PX', PRUNE_EVERY_MS - 60_000, 'NX');
    if (!acquired) return 0;
    const before = new Date(now.getTime() - this.config.env.LOCATION_HISTORY_RETENTION_DAYS * 24 * 3600_000);
    let total = 0;
    for (;;) {
      const deleted = await this.transactions.asSystem(() => this.locations.prune(before, PRUNE_CHUNK_ROWS));
      total += deleted;
      if (deleted < PRUNE_CHUNK_ROWS) return total;
    }
  }
}
