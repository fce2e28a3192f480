import type { Money } from './common';

/** One courier's row of the members' fairness report (`GET /api/v1/reports/couriers`). */
export interface CourierReportRow {
  courierId: string;
  name: string;
  /** Orders delivered in the period (by the time of delivery). */
  jobs: number;
  /** Sum of those orders' pickup→dropoff route distances, metres. */
  distanceMeters: number;
  /** Time on shift within the period, seconds. */
  shiftSeconds: number;
  /** What the co-op's pay rule gives: order prices, topped up per local day to the hourly guarantee. */
  earnings: Money;
  /** The delivered orders' prices alone (equal to `earnings` without a guarantee). */
  orderEarnings: Money;
  /** Offers made in the period that the courier declined, or let expire. */
  offersDeclined: number;
  offersExpired: number;
}

/** How unevenly work and pay per shift-hour are shared (0 = evenly), over couriers with time on shift. */
export interface CourierReportGini {
  jobsPerShiftHour: number;
  earningsPerShiftHour: number;
}

export interface CourierReportView {
  from: string;
  to: string;
  timezone: string;
  couriers: CourierReportRow[];
  /** Always the whole co-op's figure, also for a courier who sees only its own row. */
  gini: CourierReportGini;
}
