import { Injectable } from '@nestjs/common';
import { Transactions } from '../transactions';

/** One courier's work over a period, as stored (money in the co-op's minor units). */
export interface CourierWorkRow {
  courierId: string;
  name: string;
  /** Orders the courier delivered, by the time of their `delivered` event. */
  jobs: number;
  /** Sum of those orders' pickup→dropoff route distance (`orders.distance_meters`). */
  distanceMeters: number;
  /** Time on shift (`courier_shifts`) clipped to the period; a shift still open counts up to now. */
  shiftSeconds: number;
  /** Sum of the delivered orders' prices (for an order carried for a partner co-op, the partner's share). */
  orderEarnings: number;
  /** What the pay rule gives: per local day, the order earnings topped up to the hourly guarantee × that day's shift hours. */
  earnings: number;
  /** Offers made to the courier in the period (by when they were made) that it declined, or let expire. */
  offersDeclined: number;
  offersExpired: number;
}

export interface CourierWorkQuery {
  from: Date;
  to: Date;
  /** The co-op's IANA zone: the guarantee applies per local day. */
  timezone: string;
  /** Minor units per hour on shift (0: no guarantee). */
  guaranteedHourlyPay: number;
  /** Only this courier (a courier reading its own row); null: every member. */
  courierId: string | null;
}

/**
 * The members' fairness report of the current cooperative: every courier who was a member
 * during the period (created before its end, not deactivated before its start), idle ones with
 * zeros, in one set-based query aggregated in PostgreSQL. Row-level security keeps it to the
 * co-op of the transaction.
 */
@Injectable()
export class CourierReportRepository {
  constructor(private readonly transactions: Transactions) {}

  couriersWork(query: CourierWorkQuery): Promise<CourierWorkRow[]> {
    return this.transactions.rows<CourierWorkRow>(
      `WITH period AS (SELECT $1::timestamptz AS since, $2::timestamptz AS until),
       members AS (
         SELECT c.id, u.name FROM couriers c JOIN users u ON u.id = c.user_id, period p
         WHERE c.created_at < p.until AND (u.deactivated_at IS NULL OR u.deactivated_at >= p.since)
           AND ($5::uuid IS NULL OR c.id = $5)
       ),
       -- Each shift clipped to the period and cut at the local midnights it spans (the hourly
       -- guarantee is settled day by day); a day is keyed by its local date.
       shift_days AS (
         SELECT s.courier_id, d AS day,
           sum(extract(epoch FROM least(coalesce(s.ended_at, now()), p.until, (d + interval '1 day') AT TIME ZONE $3)
                                - greatest(s.started_at, p.since, d AT TIME ZONE $3))) AS seconds
         FROM courier_shifts s JOIN members m ON m.id = s.courier_id, period p,
           generate_series(date_trunc('day', greatest(s.started_at, p.since) AT TIME ZONE $3),
                           least(coalesce(s.ended_at, now()), p.until) AT TIME ZONE $3, interval '1 day') d
         WHERE s.started_at < p.until AND coalesce(s.ended_at, now()) > p.since
         GROUP BY 1, 2
       ),
       job_days AS (
         SELECT o.courier_id, date_trunc('day', e.at AT TIME ZONE $3) AS day,
           count(*) AS jobs, sum(o.distance_meters) AS meters,
           -- An order carried for a partner co-op earns this co-op the partner's share of its price, not the price.
           sum(CASE WHEN o.cooperative_id = app_current_cooperative() THEN o.price_amount ELSE coalesce(s.partner_share_amount, 0) END) AS earned
         FROM order_events e JOIN orders o ON o.id = e.order_id JOIN members m ON m.id = o.courier_id
           LEFT JOIN order_shares s ON s.order_id = o.id AND s.status = 'active' AND s.carrier_cooperative_id = app_current_cooperative(), period p
         WHERE e.status = 'delivered' AND o.status = 'delivered' AND e.at >= p.since AND e.at < p.until
         GROUP BY 1, 2
       ),
       per_day AS (
         SELECT coalesce(s.courier_id, j.courier_id) AS courier_id, coalesce(s.seconds, 0) AS seconds,
           coalesce(j.jobs, 0) AS jobs, coalesce(j.meters, 0) AS meters, coalesce(j.earned, 0) AS earned,
           greatest(coalesce(j.earned, 0), round($4::numeric * coalesce(s.seconds, 0)::numeric / 3600)) AS paid
         FROM (SELECT * FROM shift_days WHERE seconds > 0) s FULL JOIN job_days j ON j.courier_id = s.courier_id AND j.day = s.day
       ),
       worked AS (
         SELECT courier_id, sum(seconds) AS seconds, sum(jobs) AS jobs, sum(meters) AS meters, sum(earned) AS earned, sum(paid) AS paid
         FROM per_day GROUP BY 1
       ),
       answered AS (
         SELECT f.courier_id, count(*) FILTER (WHERE f.status = 'declined') AS declined, count(*) FILTER (WHERE f.status = 'expired') AS expired
         FROM offers f JOIN members m ON m.id = f.courier_id, period p
         WHERE f.created_at >= p.since AND f.created_at < p.until
         GROUP BY 1
       )
       SELECT m.id AS "courierId", m.name,
         coalesce(w.jobs, 0)::int AS jobs, coalesce(w.meters, 0)::float8 AS "distanceMeters",
         round(coalesce(w.seconds, 0))::int AS "shiftSeconds",
         coalesce(w.earned, 0)::float8 AS "orderEarnings", coalesce(w.paid, 0)::float8 AS earnings,
         coalesce(a.declined, 0)::int AS "offersDeclined", coalesce(a.expired, 0)::int AS "offersExpired"
       FROM members m LEFT JOIN worked w ON w.courier_id = m.id LEFT JOIN answered a ON a.courier_id = m.id
       ORDER BY m.name, m.id`,
      [query.from.toISOString(), query.to.toISOString(), query.timezone, query.guaranteedHourlyPay, query.courierId],
    );
  }
}
