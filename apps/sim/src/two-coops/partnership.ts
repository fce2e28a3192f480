import { Point } from '@lib/dispatch-policy';
import { inStrip, Strip } from './coop-split';

/** The terms two co-ops agreed on (the contract's partnership terms). */
export interface Partnership {
  /** Only orders whose pickup and drop-off both lie here may cross. */
  readonly area: Strip;
  /** What the carrying co-op earns of a shared order's price. */
  readonly shareOfPrice: number;
  /** Orders each co-op may carry for the other in a day (production counts per carrier,
   *  shares given back not included). */
  readonly maxOrdersPerDay: number;
}

/** An order its home co-op's policy returned as needs attention this minute. */
export interface OverflowCandidate {
  readonly orderId: string;
  readonly placedAt: number;
  readonly pickup: Point;
  readonly dropoff: Point;
}

/**
 * Which of a co-op's needs-attention orders it hands to the partner now, as production's
 * dispatcher does: those whose pickup and drop-off both lie in the partnership's area,
 * oldest first (ties by id, so the replay is deterministic), each only if the partner's own
 * policy has a courier for it (`partnerCanTake`: its trial), while the partner carries fewer
 * than the day's cap. Pure: the replay keeps the count and acts on the answer.
 */
export function ordersToShare(
  needsAttention: readonly OverflowCandidate[],
  partnership: Partnership,
  carriedToday: number,
  partnerCanTake: (orderId: string) => boolean = () => true,
): string[] {
  const chosen: string[] = [];
  const inArea = needsAttention
    .filter((order) => inStrip(partnership.area, order.pickup) && inStrip(partnership.area, order.dropoff))
    .sort((a, b) => a.placedAt - b.placedAt || a.orderId.localeCompare(b.orderId));
  for (const order of inArea) {
    if (carriedToday + chosen.length >= partnership.maxOrdersPerDay) break;
    if (partnerCanTake(order.orderId)) chosen.push(order.orderId);
  }
  return chosen;
}
