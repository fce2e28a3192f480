import { Point } from '@lib/dispatch-policy';

/** One MDRP day as published (see ../shared/mdrp/README.md). Times in minutes
 *  from the start of the day, positions in metres. */
export interface MdrpInstance {
  readonly name: string;
  readonly restaurants: ReadonlyMap<string, Point>;
  readonly orders: readonly MdrpOrder[];
  readonly couriers: readonly MdrpCourier[];
  readonly parameters: MdrpParameters;
}

export interface MdrpOrder {
  readonly id: string;
  readonly dropoff: Point;
  readonly placedAt: number;
  readonly restaurantId: string;
  readonly readyAt: number;
}

export interface MdrpCourier {
  readonly id: string;
  readonly start: Point;
  readonly onAt: number;
  readonly offAt: number;
}

/** On shift at `minute`, both ends included (it may pick up at its off-time). */
export function onShiftAt(courier: MdrpCourier, minute: number): boolean {
  return courier.onAt <= minute && minute <= courier.offAt;
}

export interface MdrpParameters {
  readonly metresPerMinute: number;
  readonly pickupServiceMinutes: number;
  readonly dropoffServiceMinutes: number;
  readonly targetClickToDoor: number;
  readonly maxClickToDoor: number;
  readonly payPerOrder: number;
  readonly guaranteedPayPerHour: number;
}
