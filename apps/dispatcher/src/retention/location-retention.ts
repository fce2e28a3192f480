import { Injectable, Logger } from '@nestjs/common';
import { CourierLocationsRepository, POSITION_RETENTION_DAYS, Transactions } from '@lib/database';
import { retentionCutoff } from './retention-cutoff';

/** Points per delete statement: short transactions, no long locks on a busy history. */
export const PRUNE_BATCH_ROWS = 5000;

/**
 * Deletes each co-op's position history older than its own `positionRetentionDays`, co-op by
 * co-op and in batches, each batch in the co-op's tenant transaction (row-level security
 * holds here too: a co-op's cut-off can only ever delete that co-op's points).
 */
@Injectable()
export class LocationRetention {
  private readonly logger = new Logger(LocationRetention.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly locations: CourierLocationsRepository,
  ) {}

  /** Returns how many points were deleted, in every co-op. */
  async pruneAll(now: Date): Promise<number> {
    const cooperatives = await this.transactions.asSystem(() => this.locations.retentionByCooperative(POSITION_RETENTION_DAYS.default));
    let total = 0;
    for (const { cooperativeId, days } of cooperatives) {
      const before = retentionCutoff(now, days);
      let deleted: number;
      do {
        deleted = await this.transactions.inTenant(cooperativeId, () => this.locations.pruneBefore(before, PRUNE_BATCH_ROWS));
        total += deleted;
      } while (deleted === PRUNE_BATCH_ROWS);
    }
    if (total) this.logger.log({ deleted: total, cooperatives: cooperatives.length }, 'position history pruned');
    return total;
  }
}
