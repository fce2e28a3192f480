import type { CourierPositionEvent } from '@lib/wire';

interface Waiting {
  cooperativeId: string;
  position: CourierPositionEvent;
  atMs: number;
}

/**
 * Decides when each courier's positions go out. Per courier (the contract's
 * `courier.position` and the customers' `position`): on the leading edge, a position after a
 * quiet window goes out at once; positions within the window after it are coalesced to the
 * latest, which goes out when the window ends: at most one per courier per window, and no
 * wait for a courier reporting less often than that. Batched (`courier.positions`): the
 * latest position of every courier that moved, grouped by cooperative, once per tick.
 */
export class PositionCoalescer {
  private pending = new Map<string, Map<string, CourierPositionEvent>>();
  /** When each courier's last position went out singly (ms), and the `at` of the newest seen. */
  private readonly sentAt = new Map<string, number>();
  private readonly newestAt = new Map<string, number>();
  private readonly waiting = new Map<string, Waiting>();

  constructor(private readonly windowMs = 1000) {}

  /**
   * Takes a courier's position: true when it is to be sent singly now (leading edge),
   * false when it waits for the window's end (or is older than one already seen).
   */
  add(cooperativeId: string, position: CourierPositionEvent, now = Date.now()): boolean {
    const atMs = Date.parse(position.at);
    const courierId = position.courierId;
    const newest = this.newestAt.get(courierId);
    if (newest !== undefined && atMs < newest) return false;
    this.newestAt.set(courierId, atMs);
    let couriers = this.pending.get(cooperativeId);
    if (!couriers) this.pending.set(cooperativeId, (couriers = new Map()));
    couriers.set(courierId, position);
    const sent = this.sentAt.get(courierId);
    if (!this.waiting.has(courierId) && (sent === undefined || now - sent >= this.windowMs)) {
      this.sentAt.set(courierId, now);
      return true;
    }
    this.waiting.set(courierId, { cooperativeId, position, atMs });
    return false;
  }

  /** Positions whose courier's window has ended (to send singly now), grouped by cooperative. */
  due(now = Date.now()): { cooperativeId: string; positions: CourierPositionEvent[] }[] {
    if (!this.waiting.size) return [];
    const byCooperative = new Map<string, CourierPositionEvent[]>();
    for (const [courierId, { cooperativeId, position }] of this.waiting) {
      if (now - (this.sentAt.get(courierId) ?? 0) < this.windowMs) continue;
      this.waiting.delete(courierId);
      this.sentAt.set(courierId, now);
      const positions = byCooperative.get(cooperativeId);
      if (positions) positions.push(position);
      else byCooperative.set(cooperativeId, [position]);
    }
    return [...byCooperative].map(([cooperativeId, positions]) => ({ cooperativeId, positions }));
  }

  /** The batched form: everything collected since the last drain, latest per courier; starts afresh. */
  drain(now = Date.now()): { cooperativeId: string; positions: CourierPositionEvent[] }[] {
    const drained = [...this.pending].map(([cooperativeId, couriers]) => ({ cooperativeId, positions: [...couriers.values()] }));
    this.pending = new Map();
    this.forgetQuietCouriers(now);
    return drained;
  }

  /** A courier quiet for a whole window starts afresh (its next position goes out at once); keeps the maps small. */
  private forgetQuietCouriers(now: number): void {
    for (const [courierId, sent] of this.sentAt) {
      if (now - sent >= this.windowMs && !this.waiting.has(courierId)) {
        this.sentAt.delete(courierId);
        this.newestAt.delete(courierId);
      }
    }
  }
}
