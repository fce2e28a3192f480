import { Point } from './geometry';
import { TravelModel } from './travel-model';
import { WorkOutlook } from './work-outlook';

/** Everything the policy may know at one instant. Times are minutes on one
 *  clock (the simulator uses minutes from the start of the day; production
 *  uses epoch minutes). Nothing else leaks in: no clock, no database. */
export interface DispatchSnapshot {
  readonly now: number;
  readonly couriers: readonly CourierSnapshot[];
  /** Orders placed and not yet held by any courier. */
  readonly orders: readonly WaitingOrder[];
  readonly weights: CoopWeights;
  readonly service: ServiceMinutes;
  readonly travel: TravelModel;
  /** The co-op's expected jobs per courier-hour in the coming hours, when it has one
   *  (absent: the fairness term assumes the rest of the day goes at the pace so far). */
  readonly workOutlook?: WorkOutlook;
  /** The co-op's rules on offers (absent: none, as on a replayed MDRP day). */
  readonly limits?: CoopLimits;
}

/** Per co-op rules the policy applies to every decision, stored with the co-op. */
export interface CoopLimits {
  /** Declined or expired offers after which an order waits for a person (needs attention). */
  readonly maxOffersPerOrder: number;
}

export interface ServiceMinutes {
  /** Park, walk in, collect, walk out. Half before the pickup instant, half after. */
  readonly pickup: number;
  /** Same at the customer's door. */
  readonly dropoff: number;
}

/** Per co-op knobs, stored with the co-op and passed in unchanged. */
export interface CoopWeights {
  /** Minutes of extra delivery time the co-op accepts per order to move work
   *  from a courier earning one average hourly rate above the mean to one at
   *  the mean. 0 disables the fairness term. */
  readonly fairness: number;
  /** Hourly minimum the co-op guarantees over a whole shift (0 or absent: none).
   *  Work that only fills a courier up to the guarantee does not change its pay,
   *  so the fairness term does not count it. */
  readonly guaranteedHourlyPay?: number;
  /** What the fairness term evens out (absent: 'order-earnings').
   *  'order-earnings': order earnings per shift-hour, the guarantee left out
   *  (couriers under the guarantee still count, so work is spread among them too);
   *  'guaranteed-pay': pay per shift-hour with the hourly guarantee applied (work
   *  that only fills a courier up to the guarantee does not count). */
  readonly fairnessTarget?: FairnessTarget;
}

export type FairnessTarget = 'guaranteed-pay' | 'order-earnings';

export interface CourierSnapshot {
  readonly id: string;
  readonly position: Point;
  /** No pickup may happen after this (drop-offs may). */
  readonly shiftEndsAt: number;
  readonly status: CourierStatus;
  readonly ordersToday: number;
  readonly earningsToday: number;
  readonly onShiftMinutesToday: number;
  /** How many more orders it may hold now: its capacity less the orders it holds or is
   *  being offered (absent: no limit, as on a replayed MDRP day). At 0 it gets no offer. */
  readonly spareCapacity?: number;
}

export type CourierStatus = IdleStatus | HeadingToPickupStatus | DeliveringStatus;

/** Waiting at `position`, free for a new job now. */
export interface IdleStatus {
  readonly kind: 'idle';
}

/** Committed to a pickup group and not yet picked up: orders of the same group
 *  may still be added (the only change allowed to a running job). */
export interface HeadingToPickupStatus {
  readonly kind: 'heading-to-pickup';
  readonly pickupGroup: string;
  readonly pickup: Point;
  readonly arrivesAt: number;
  /** In drop-off sequence. */
  readonly orders: readonly CommittedOrder[];
}

/** Carrying food; cannot be diverted. Free again at `availableFrom` at `availableAt`. */
export interface DeliveringStatus {
  readonly kind: 'delivering';
  readonly availableAt: number;
  readonly availableFrom: Point;
}

export interface CommittedOrder {
  readonly id: string;
  readonly dropoff: Point;
  readonly placedAt: number;
  readonly readyAt: number;
}

export interface WaitingOrder extends CommittedOrder {
  /** Pickup group key: orders with the same key may be bundled. */
  readonly restaurantId: string;
  readonly pickup: Point;
  /** Couriers that declined this order or let an offer expire. */
  readonly excludedCourierIds: readonly string[];
  /** Offers of this order declined or expired so far (checked against `CoopLimits.maxOffersPerOrder`). */
  readonly offersMade: number;
}
