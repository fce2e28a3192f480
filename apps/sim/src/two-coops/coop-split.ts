import { Point } from '@lib/dispatch-policy';
import { MdrpInstance } from '../mdrp/instance';

/** The two co-ops of a split day: the one west of the split line and the one east of it. */
export const COOPS = ['west', 'east'] as const;
export type CoopName = (typeof COOPS)[number];

export function partnerOf(coop: CoopName): CoopName {
  return coop === 'west' ? 'east' : 'west';
}

/** A north–south strip of the plane (MDRP x is the east–west axis, in metres): every point
 *  with minX <= x <= maxX. Both co-op areas and their overlap are such strips. */
export interface Strip {
  readonly minX: number;
  readonly maxX: number;
}

export function inStrip(strip: Strip, point: Point): boolean {
  return strip.minX <= point.x && point.x <= strip.maxX;
}

export interface SplitOptions {
  /** Share of the day's pickups inside the band where both co-op areas overlap, centred on
   *  the split line (0: areas only touch; 1: both cover every restaurant). */
  readonly overlapShare: number;
}

export const DEFAULT_SPLIT: SplitOptions = { overlapShare: 0.4 };

/** One MDRP day as two co-ops: who holds which restaurant, order and courier. */
export interface TwoCoopDay {
  readonly instance: MdrpInstance;
  /** Half of the day's orders are picked up west of this x, half east. */
  readonly splitX: number;
  readonly areas: Readonly<Record<CoopName, Strip>>;
  /** Where both areas overlap: the default partnership area (the contract's default). */
  readonly overlap: Strip;
  readonly homeOfOrder: ReadonlyMap<string, CoopName>;
  readonly coopOfCourier: ReadonlyMap<string, CoopName>;
}

/**
 * Splits a day deterministically, by east–west position, the way two neighbouring co-ops
 * grow in one city:
 * - the split line runs between two restaurants neighbouring in x, where the orders of the
 *   restaurants west of it come nearest to half of the day's orders (each co-op has about
 *   half of the demand; a busy restaurant is never cut in two);
 * - the west co-op's area is every x up to the band's east edge, the east co-op's every x
 *   from its west edge; the band holds `overlapShare` of the pickups, half on each side of
 *   the line (the pickup-x quantiles 0.5 ± overlapShare / 2);
 * - a restaurant (and every order from it) belongs to the co-op on its side of the line
 *   (exactly on it: east): in the band both co-ops could ride there, but one takes its orders;
 * - a courier belongs to the co-op on the side of the line where it starts its shift (where
 *   it lives). Couriers do not live where the restaurants are, so one co-op has fewer
 *   courier-hours for its half of the orders: the shortage overflow is meant for.
 */
export function splitDay(instance: MdrpInstance, options: SplitOptions = DEFAULT_SPLIT): TwoCoopDay {
  const pickupXs = instance.orders.map((order) => instance.restaurants.get(order.restaurantId)!.x).sort((a, b) => a - b);
  const splitX = halfOfOrdersLine(instance);
  const overlap = { minX: quantile(pickupXs, 0.5 - options.overlapShare / 2), maxX: quantile(pickupXs, 0.5 + options.overlapShare / 2) };
  const side = (point: Point): CoopName => (point.x < splitX ? 'west' : 'east');
  return {
    instance,
    splitX,
    areas: { west: { minX: -Infinity, maxX: overlap.maxX }, east: { minX: overlap.minX, maxX: Infinity } },
    overlap,
    homeOfOrder: new Map(instance.orders.map((order) => [order.id, side(instance.restaurants.get(order.restaurantId)!)])),
    coopOfCourier: new Map(instance.couriers.map((courier) => [courier.id, side(courier.start)])),
  };
}

/** The x between two restaurants neighbouring in x where the orders west of it come nearest
 *  to half of the day's (the first such line when two are as near). */
function halfOfOrdersLine(instance: MdrpInstance): number {
  const ordersAt = new Map<number, number>();
  for (const order of instance.orders) {
    const x = instance.restaurants.get(order.restaurantId)!.x;
    ordersAt.set(x, (ordersAt.get(x) ?? 0) + 1);
  }
  const xs = [...ordersAt.keys()].sort((a, b) => a - b);
  if (xs.length < 2) return xs[0] ?? 0;
  let best = { x: (xs[0] + xs[1]) / 2, gap: Infinity };
  let west = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    west += ordersAt.get(xs[i])!;
    const gap = Math.abs(west - instance.orders.length / 2);
    if (gap < best.gap) best = { x: (xs[i] + xs[i + 1]) / 2, gap };
  }
  return best.x;
}

/** Lower nearest-rank quantile of sorted values (q in 0..1). */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))];
}
