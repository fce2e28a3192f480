import { Injectable, Logger } from '@nestjs/common';
import { CouriersRepository, Transactions } from '@lib/database';
import { CourierPositions } from '@lib/positions';
import type { ShiftNotice } from '@lib/realtime';
import { SHIFT_CACHE_MS } from '../tracking-limits';

interface CachedShift {
  onShift: boolean;
  until: number;
}

/**
 * Whether a courier is on shift (only they are tracked). PostgreSQL is the truth; a courier
 * reporting every second would ask it every second, so the answer is kept briefly, and the
 * API's shift notices replace it at once.
 */
@Injectable()
export class CourierShifts {
  private readonly logger = new Logger(CourierShifts.name);
  private readonly cache = new Map<string, CachedShift>();
  /** Bumped by every notice, so a database read that started before one does not overwrite it. */
  private readonly noticeCount = new Map<string, number>();

  constructor(
    private readonly transactions: Transactions,
    private readonly couriers: CouriersRepository,
    private readonly positions: CourierPositions,
  ) {}

  async isOnShift(cooperativeId: string, courierId: string, now = Date.now()): Promise<boolean> {
    const cached = this.cache.get(courierId);
    if (cached && cached.until > now) return cached.onShift;
    const noticesBefore = this.noticeCount.get(courierId) ?? 0;
    const courier = await this.transactions.inTenant(cooperativeId, () => this.couriers.findById(courierId));
    const onShift = courier?.onShift ?? false;
    if ((this.noticeCount.get(courierId) ?? 0) === noticesBefore) this.cache.set(courierId, { onShift, until: now + SHIFT_CACHE_MS });
    return onShift;
  }

  /** A shift started or ended (published by the API): believe it now; a courier off shift leaves the live map. */
  async apply(notice: ShiftNotice, now = Date.now()): Promise<void> {
    this.noticeCount.set(notice.courierId, (this.noticeCount.get(notice.courierId) ?? 0) + 1);
    this.cache.set(notice.courierId, { onShift: notice.onShift, until: now + SHIFT_CACHE_MS });
    if (notice.onShift) return;
    await this.positions
      .forget(notice.cooperativeId, notice.courierId)
      .catch((error: unknown) => this.logger.warn({ err: error, courierId: notice.courierId }, 'off-shift courier not removed from the live map'));
  }
}
