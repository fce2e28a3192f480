import { Injectable, Logger } from '@nestjs/common';
import { CouriersRepository, Transactions } from '@lib/database';
import { CourierPositions } from '@lib/positions';
import type { ShiftNotice } from '@lib/realtime';
import { SHIFT_CACHE_MS } from '../tracking-limits';

/** A cooperative's couriers on shift with when their shift started (epoch ms), as PostgreSQL said when the read started. */
interface Roster {
  onShift: Map<string, number>;
  loadedAt: number;
  /** The notice counter when the read started: later notices override the roster. */
  noticesBefore: number;
}

/** A shift notice as this instance heard it: the shift's start is when it was heard, unless already known. */
interface ShiftNoticeSeen {
  onShift: boolean;
  number: number;
  startedAt: number | null;
}

/** After a failed read, a stale roster is served this long before trying again. */
const RETRY_AFTER_FAILURE_MS = 1000;

/**
 * Whether a courier is on shift (only they are tracked). PostgreSQL is the truth, read once
 * per cooperative (one query for all its couriers, never one per frame) and trusted for
 * SHIFT_CACHE_MS; the API's shift notices override it at once. Past that time the roster is
 * still answered from while one read per cooperative refreshes it (single flight), so frames
 * never queue for the pool: at 10,000 couriers a per-courier check timed out the pool.
 */
@Injectable()
export class CourierShifts {
  private readonly logger = new Logger(CourierShifts.name);
  private readonly rosters = new Map<string, Roster>();
  private readonly reading = new Map<string, Promise<Roster>>();
  private readonly failedAt = new Map<string, number>();
  /** Per cooperative, the latest notice of each courier and its number. */
  private readonly notices = new Map<string, Map<string, ShiftNoticeSeen>>();
  private noticeCount = 0;

  constructor(
    private readonly transactions: Transactions,
    private readonly couriers: CouriersRepository,
    private readonly positions: CourierPositions,
  ) {}

  async isOnShift(cooperativeId: string, courierId: string, now = Date.now()): Promise<boolean> {
    return (await this.shiftStartedAt(cooperativeId, courierId, now)) !== null;
  }

  /**
   * When the courier's current shift started (epoch ms), or null off shift. Known from a notice
   * only, it is when the notice was heard (the API sends it as the shift starts), so positions
   * measured before are never taken for the shift's: a courier's home before work stays private.
   */
  async shiftStartedAt(cooperativeId: string, courierId: string, now = Date.now()): Promise<number | null> {
    const notice = this.notices.get(cooperativeId)?.get(courierId);
    let roster = this.rosters.get(cooperativeId);
    if (notice && (!roster || notice.number > roster.noticesBefore)) return notice.startedAt;
    if (!roster) roster = await this.read(cooperativeId);
    else if (now - roster.loadedAt >= SHIFT_CACHE_MS) this.refresh(cooperativeId, now);
    const latest = this.notices.get(cooperativeId)?.get(courierId);
    if (latest && latest.number > roster.noticesBefore) return latest.startedAt;
    return roster.onShift.get(courierId) ?? null;
  }

  /** What this instance last knew of the courier's shift start, without reading: undefined when it knows nothing. */
  private knownStart(cooperativeId: string, courierId: string): number | null | undefined {
    const notice = this.notices.get(cooperativeId)?.get(courierId);
    const roster = this.rosters.get(cooperativeId);
    if (notice && (!roster || notice.number > roster.noticesBefore)) return notice.startedAt;
    return roster ? (roster.onShift.get(courierId) ?? null) : undefined;
  }

  /** A shift started or ended (published by the API): believe it now; a courier off shift leaves the live map. */
  async apply(notice: ShiftNotice): Promise<void> {
    let notices = this.notices.get(notice.cooperativeId);
    if (!notices) this.notices.set(notice.cooperativeId, (notices = new Map()));
    // "On shift" for a courier already on shift is a changed planned end: the shift keeps its start.
    const known = this.knownStart(notice.cooperativeId, notice.courierId);
    const startedAt = notice.onShift ? (known ?? Date.now()) : null;
    notices.set(notice.courierId, { onShift: notice.onShift, number: ++this.noticeCount, startedAt });
    // Knowing nothing of the co-op yet, read it: the shift's real start replaces the guess.
    if (known === undefined) this.refresh(notice.cooperativeId, Date.now());
    if (notice.onShift) return;
    await this.positions
      .forget(notice.cooperativeId, notice.courierId)
      .catch((error: unknown) => this.logger.warn({ err: error, courierId: notice.courierId }, 'off-shift courier not removed from the live map'));
  }

  private refresh(cooperativeId: string, now: number): void {
    if (this.reading.has(cooperativeId) || now - (this.failedAt.get(cooperativeId) ?? -Infinity) < RETRY_AFTER_FAILURE_MS) return;
    this.read(cooperativeId).catch((error: unknown) => {
      this.failedAt.set(cooperativeId, Date.now());
      this.logger.warn({ err: error, cooperativeId }, 'shifts not refreshed; answering from the last read');
    });
  }

  /** One read of the cooperative's couriers on shift at a time (callers share it). */
  private read(cooperativeId: string): Promise<Roster> {
    const pending = this.reading.get(cooperativeId);
    if (pending) return pending;
    const noticesBefore = this.noticeCount;
    const loadedAt = Date.now();
    const read = this.transactions
      .inTenant(cooperativeId, () => this.couriers.working())
      .then((couriers) => {
        const onShift = new Map(couriers.filter((courier) => courier.onShift).map((courier) => [courier.id, courier.shiftStartedAt?.getTime() ?? loadedAt]));
        const roster: Roster = { onShift, loadedAt, noticesBefore };
        this.rosters.set(cooperativeId, roster);
        this.forgetNoticesBefore(cooperativeId, noticesBefore);
        return roster;
      })
      .finally(() => this.reading.delete(cooperativeId));
    this.reading.set(cooperativeId, read);
    return read;
  }

  /** Notices the roster already reflects (sent before its read started). */
  private forgetNoticesBefore(cooperativeId: string, number: number): void {
    const notices = this.notices.get(cooperativeId);
    if (!notices) return;
    for (const [courierId, notice] of notices) if (notice.number <= number) notices.delete(courierId);
  }
}
