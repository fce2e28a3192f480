import type { CourierPositionEvent } from '@lib/wire';

/**
 * Collects positions between ticks and keeps only the latest per courier, grouped by
 * cooperative: however often couriers report, a dispatcher receives one frame per tick.
 */
export class PositionCoalescer {
  private pending = new Map<string, Map<string, CourierPositionEvent>>();

  add(cooperativeId: string, position: CourierPositionEvent): void {
    let couriers = this.pending.get(cooperativeId);
    if (!couriers) this.pending.set(cooperativeId, (couriers = new Map()));
    const previous = couriers.get(position.courierId);
    if (!previous || Date.parse(previous.at) <= Date.parse(position.at)) couriers.set(position.courierId, position);
  }

  /** Everything collected since the last drain, and starts afresh. */
  drain(): { cooperativeId: string; positions: CourierPositionEvent[] }[] {
    const drained = [...this.pending].map(([cooperativeId, couriers]) => ({ cooperativeId, positions: [...couriers.values()] }));
    this.pending = new Map();
    return drained;
  }
}
