import { CourierSnapshot } from '../model/snapshot';

/** A courier's pay per hour of its whole shift if the co-op keeps its current
 *  pace: earnings so far plus the co-op's mean rate over the rest of the
 *  shift, at least the hourly guarantee. This, at the end of the day, is what
 *  the per-shift-hour fairness figure compares. */
export interface ShiftPayProjection {
  readonly shiftHours: number;
  readonly projectedEarnings: number;
  readonly payPerHour: number;
}

export interface CoopPace {
  /** Earnings per on-shift hour of the couriers on shift. */
  readonly earningsPerHour: number;
  readonly guaranteedHourlyPay: number;
}

export function coopPace(couriers: readonly CourierSnapshot[], guaranteedHourlyPay = 0): CoopPace {
  const earnings = couriers.reduce((s, c) => s + c.earningsToday, 0);
  const hours = couriers.reduce((s, c) => s + c.onShiftMinutesToday / 60, 0);
  return { earningsPerHour: hours > 0 ? earnings / hours : 0, guaranteedHourlyPay };
}

export function projectShiftPay(courier: CourierSnapshot, now: number, pace: CoopPace, extraEarnings = 0): ShiftPayProjection {
  const remainingHours = Math.max(0, courier.shiftEndsAt - now) / 60;
  const shiftHours = Math.max(courier.onShiftMinutesToday / 60 + remainingHours, 1 / 60);
  const projectedEarnings = courier.earningsToday + extraEarnings + pace.earningsPerHour * remainingHours;
  return { shiftHours, projectedEarnings, payPerHour: Math.max(pace.guaranteedHourlyPay, projectedEarnings / shiftHours) };
}
