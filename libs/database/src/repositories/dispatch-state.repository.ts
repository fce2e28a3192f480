import { Injectable } from '@nestjs/common';
import type { LatLng } from '@lib/geo';
import { Transactions } from '../transactions';
import type { OrderStatus } from './order-record';

export interface WaitingOrderRow {
  id: string;
  merchantId: string;
  pickup: LatLng;
  dropoff: LatLng;
  createdAt: Date;
  readyAt: Date;
  excludedCourierIds: string[];
  offersMade: number;
}

export interface CourierOnShiftRow {
  id: string;
  name: string;
  capacity: number;
  /** The end the courier planned for this shift, if it gave one. */
  shiftEndsAt: Date | null;
  /** Minutes on shift since local midnight, every shift of the day counted. */
  onShiftMinutesToday: number;
  deliveredToday: number;
  earnedToday: number;
}

/** Past days' work in one slot (say a half hour) of the local day, summed over the days. */
export interface PastSlotWorkRow {
  jobs: number;
  courierHours: number;
}

export interface PastWork {
  /** Local midnight of today: where slot 0 of today starts. */
  todayStartsAt: Date;
  slotMinutes: number;
  /** Slot by slot, summed over every past day of the window. */
  everyDay: PastSlotWorkRow[];
  /** The same, over the past days on today's weekday only. */
  sameWeekday: PastSlotWorkRow[];
}

/** An order a courier holds or has an open offer for: the courier's current job. */
export interface HeldOrderRow {
  id: string;
  courierId: string;
  status: OrderStatus;
  merchantId: string;
  pickup: LatLng;
  dropoff: LatLng;
  createdAt: Date;
  readyAt: Date;
}

/** The state a dispatch decision reads, for the current cooperative, in a few set-based queries. */
@Injectable()
export class DispatchStateRepository {
  constructor(private readonly transactions: Transactions) {}

  private query<T>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return this.transactions.rows<T>(sql, parameters);
  }

  /**
   * Pending orders this co-op decides (flagged ones too: a courier may have come on shift),
   * with the couriers that turned each down: its own, unless handed to a partner, and those
   * a partner handed to it. Only this co-op's offers count towards its offer limit.
   */
  waitingOrders(): Promise<WaitingOrderRow[]> {
    return this.query<WaitingOrderRow>(`
      SELECT o.id, o.merchant_id AS "merchantId",
        json_build_object('lat', ST_Y(o.pickup_location::geometry), 'lng', ST_X(o.pickup_location::geometry)) AS pickup,
        json_build_object('lat', ST_Y(o.dropoff_location::geometry), 'lng', ST_X(o.dropoff_location::geometry)) AS dropoff,
        o.created_at AS "createdAt", o.ready_at AS "readyAt",
        coalesce(array_agg(DISTINCT f.courier_id) FILTER (WHERE f.status IN ('declined', 'expired')), '{}') AS "excludedCourierIds",
        count(f.id) FILTER (WHERE f.status IN ('declined', 'expired'))::int AS "offersMade"
      FROM orders o LEFT JOIN offers f ON f.order_id = o.id AND f.courier_cooperative_id = app_current_cooperative()
      WHERE o.status = 'pending' AND coalesce(o.carrier_cooperative_id, o.cooperative_id) = app_current_cooperative()
      GROUP BY o.id
      ORDER BY o.created_at`);
  }

  /** Couriers on shift with their capacity, planned shift end, and what they worked, delivered
   *  and earned since local midnight (a courier back for the evening has also worked at lunch). */
  couriersOnShift(timezone: string): Promise<CourierOnShiftRow[]> {
    return this.query<CourierOnShiftRow>(
      `WITH day AS (SELECT date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1 AS start),
       worked AS (
         SELECT s.courier_id, sum(extract(epoch FROM coalesce(s.ended_at, now()) - greatest(s.started_at, (SELECT start FROM day))) / 60) AS minutes
         FROM courier_shifts s
         WHERE coalesce(s.ended_at, now()) > (SELECT start FROM day)
           -- Bounded, so the log's years of history are never read: today's shifts began at most a
           -- day before midnight, or are still open.
           AND (s.started_at > (SELECT start FROM day) - interval '1 day' OR s.ended_at IS NULL)
         GROUP BY s.courier_id
       )
       SELECT c.id, u.name, c.capacity, c.shift_ends_at AS "shiftEndsAt",
         coalesce(max(w.minutes), 0)::float8 AS "onShiftMinutesToday",
         count(o.id)::int AS "deliveredToday", coalesce(sum(o.price_amount), 0)::int AS "earnedToday"
       FROM couriers c JOIN users u ON u.id = c.user_id
       LEFT JOIN worked w ON w.courier_id = c.id
       LEFT JOIN orders o ON o.courier_id = c.id AND o.status = 'delivered' AND o.updated_at >= (SELECT start FROM day)
       WHERE c.on_shift
       GROUP BY c.id, u.name`,
      [timezone],
    );
  }

  /**
   * What the co-op's past days say about work per courier, slot by slot of the local day:
   * delivered orders (in the slot their food was ready) and courier-hours on shift, summed
   * over the `days` days before today, and over those on today's weekday. One set-based
   * query: each shift is cut into the slots it spans.
   */
  async pastWork(timezone: string, days: number, slotMinutes: number): Promise<PastWork> {
    const rows = await this.query<{ today: Date; jobs: number; courierHours: number; weekdayJobs: number; weekdayCourierHours: number }>(
      `WITH span AS (
         SELECT today - make_interval(days => $2) AS since, today AS until, make_interval(mins => $3) AS step,
           extract(isodow FROM today AT TIME ZONE $1) AS weekday
         FROM (SELECT date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1 AS today) t
       ), jobs AS (
         SELECT floor(extract(epoch FROM (o.ready_at AT TIME ZONE $1)::time) / 60 / $3)::int AS slot, count(*) AS jobs,
           count(*) FILTER (WHERE extract(isodow FROM o.ready_at AT TIME ZONE $1) = span.weekday) AS weekday_jobs
         FROM orders o, span
         WHERE o.status = 'delivered' AND o.ready_at >= span.since AND o.ready_at < span.until
         GROUP BY 1
       ), pieces AS (
         SELECT b AS starts, span.weekday,
           extract(epoch FROM least(coalesce(s.ended_at, now()), b + span.step, span.until) - greatest(s.started_at, b, span.since)) / 3600 AS hours
         FROM courier_shifts s, span,
           generate_series(date_bin(span.step, greatest(s.started_at, span.since), span.until), least(coalesce(s.ended_at, now()), span.until), span.step) b
         WHERE s.started_at < span.until AND s.started_at > span.since - interval '1 day' AND coalesce(s.ended_at, now()) > span.since
       ), hours AS (
         SELECT floor(extract(epoch FROM (starts AT TIME ZONE $1)::time) / 60 / $3)::int AS slot, sum(hours) AS hours,
           sum(hours) FILTER (WHERE extract(isodow FROM starts AT TIME ZONE $1) = weekday) AS weekday_hours
         FROM pieces WHERE hours > 0 GROUP BY 1
       )
       SELECT span.until AS today,
         coalesce(jobs.jobs, 0)::float8 AS jobs, coalesce(hours.hours, 0)::float8 AS "courierHours",
         coalesce(jobs.weekday_jobs, 0)::float8 AS "weekdayJobs", coalesce(hours.weekday_hours, 0)::float8 AS "weekdayCourierHours"
       FROM span, generate_series(0, (24 * 60 / $3) - 1) n
       LEFT JOIN jobs ON jobs.slot = n LEFT JOIN hours ON hours.slot = n
       ORDER BY n`,
      [timezone, days, slotMinutes],
    );
    return {
      todayStartsAt: rows[0].today,
      slotMinutes,
      everyDay: rows.map((row) => ({ jobs: row.jobs, courierHours: row.courierHours })),
      sameWeekday: rows.map((row) => ({ jobs: row.weekdayJobs, courierHours: row.weekdayCourierHours })),
    };
  }

  /** Every order a courier holds (assigned, picked up) or is being offered. */
  heldOrders(): Promise<HeldOrderRow[]> {
    return this.query<HeldOrderRow>(`
      SELECT o.id, coalesce(o.courier_id, f.courier_id) AS "courierId", o.status, o.merchant_id AS "merchantId",
        json_build_object('lat', ST_Y(o.pickup_location::geometry), 'lng', ST_X(o.pickup_location::geometry)) AS pickup,
        json_build_object('lat', ST_Y(o.dropoff_location::geometry), 'lng', ST_X(o.dropoff_location::geometry)) AS dropoff,
        o.created_at AS "createdAt", o.ready_at AS "readyAt"
      FROM orders o LEFT JOIN offers f ON f.order_id = o.id AND f.status = 'open'
      WHERE o.status IN ('assigned', 'picked_up') OR (o.status = 'offered' AND f.id IS NOT NULL)`);
  }

  async flagNeedsAttention(orderIds: string[]): Promise<string[]> {
    if (!orderIds.length) return [];
    const rows = await this.query<{ id: string }>(
      `UPDATE orders SET needs_attention = true, updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'pending' AND NOT needs_attention RETURNING id`,
      [orderIds],
    );
    return rows.map((row) => row.id);
  }

  /** Cooperatives with waiting orders or overdue offers, across tenants (for the periodic sweep). */
  async dueCooperatives(): Promise<string[]> {
    const rows: { cooperative_id: string }[] = await this.query(`SELECT cooperative_id FROM dispatch_due_cooperatives()`);
    return rows.map((row) => row.cooperative_id);
  }
}
