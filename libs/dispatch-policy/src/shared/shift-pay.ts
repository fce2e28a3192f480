import { CourierSnapshot, DispatchSnapshot } from '../model/snapshot';
import { expectedJobs, WorkOutlook } from '../model/work-outlook';

/** A courier's pay per hour of its whole shift: earnings so far plus what the
 *  rest of the shift is expected to bring, at least the hourly guarantee.
 *  This, at the end of the day, is what the per-shift-hour fairness figure
 *  compares. */
export interface ShiftPayProjection {
  readonly shiftHours: number;
  readonly projectedEarnings: number;
  readonly payPerHour: number;
}

/** What the projection assumes about the rest of every courier's shift. */
export interface ShiftPayOutlook {
  readonly now: number;
  /** Mean pay of one job today. */
  readonly payPerJob: number;
  /** Earnings per on-shift hour of the couriers on shift so far (used without a work outlook). */
  readonly earningsPerHour: number;
  readonly guaranteedHourlyPay: number;
  /** The next minutes of every shift are what this very decision hands out, so
   *  nothing is projected for them: otherwise a courier near the end of a short
   *  shift looks as if it will still earn its share, and loses every job to
   *  couriers on longer shifts until its shift is over. */
  readonly decidedMinutes: number;
  readonly work?: WorkOutlook;
}

export function shiftPayOutlook(snapshot: DispatchSnapshot, guaranteedHourlyPay: number, decidedMinutes: number): ShiftPayOutlook {
  const couriers = snapshot.couriers;
  const earnings = couriers.reduce((s, c) => s + c.earningsToday, 0);
  const jobs = couriers.reduce((s, c) => s + c.ordersToday, 0);
  const hours = couriers.reduce((s, c) => s + c.onShiftMinutesToday / 60, 0);
  return {
    now: snapshot.now,
    payPerJob: jobs > 0 ? earnings / jobs : 0,
    earningsPerHour: hours > 0 ? earnings / hours : 0,
    guaranteedHourlyPay,
    decidedMinutes,
    work: snapshot.workOutlook,
  };
}

export function projectShiftPay(courier: CourierSnapshot, outlook: ShiftPayOutlook, extraEarnings = 0): ShiftPayProjection {
  const remainingHours = Math.max(0, courier.shiftEndsAt - outlook.now) / 60;
  const shiftHours = Math.max(courier.onShiftMinutesToday / 60 + remainingHours, 1 / 60);
  const projectedEarnings = courier.earningsToday + extraEarnings + expectedLaterEarnings(courier, outlook);
  return { shiftHours, projectedEarnings, payPerHour: Math.max(outlook.guaranteedHourlyPay, projectedEarnings / shiftHours) };
}

function expectedLaterEarnings(courier: CourierSnapshot, outlook: ShiftPayOutlook): number {
  const from = outlook.now + outlook.decidedMinutes;
  if (courier.shiftEndsAt <= from) return 0;
  if (outlook.work) return outlook.payPerJob * expectedJobs(outlook.work, from, courier.shiftEndsAt);
  return (outlook.earningsPerHour * (courier.shiftEndsAt - from)) / 60;
}
