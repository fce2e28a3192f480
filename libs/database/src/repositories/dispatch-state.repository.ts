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
  shiftStartedAt: Date | null;
  deliveredToday: number;
  earnedToday: number;
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
    return this.transactions.manager().query(sql, parameters);
  }

  /** Pending orders (flagged ones too: a courier may have come on shift), with the couriers that turned each down. */
  waitingOrders(): Promise<WaitingOrderRow[]> {
    return this.query<WaitingOrderRow>(`
      SELECT o.id, o.merchant_id AS "merchantId",
        json_build_object('lat', ST_Y(o.pickup_location::geometry), 'lng', ST_X(o.pickup_location::geometry)) AS pickup,
        json_build_object('lat', ST_Y(o.dropoff_location::geometry), 'lng', ST_X(o.dropoff_location::geometry)) AS dropoff,
        o.created_at AS "createdAt", o.ready_at AS "readyAt",
        coalesce(array_agg(DISTINCT f.courier_id) FILTER (WHERE f.status IN ('declined', 'expired')), '{}') AS "excludedCourierIds",
        count(f.id) FILTER (WHERE f.status IN ('declined', 'expired'))::int AS "offersMade"
      FROM orders o LEFT JOIN offers f ON f.order_id = o.id
      WHERE o.status = 'pending'
      GROUP BY o.id
      ORDER BY o.created_at`);
  }

  /** Couriers on shift with their capacity and what they delivered and earned since local midnight. */
  couriersOnShift(timezone: string): Promise<CourierOnShiftRow[]> {
    return this.query<CourierOnShiftRow>(
      `WITH day AS (SELECT date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1 AS start)
       SELECT c.id, u.name, c.capacity, c.shift_started_at AS "shiftStartedAt",
         count(o.id)::int AS "deliveredToday", coalesce(sum(o.price_amount), 0)::int AS "earnedToday"
       FROM couriers c JOIN users u ON u.id = c.user_id
       LEFT JOIN orders o ON o.courier_id = c.id AND o.status = 'delivered' AND o.updated_at >= (SELECT start FROM day)
       WHERE c.on_shift
       GROUP BY c.id, u.name`,
      [timezone],
    );
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
    const rows: { id: string }[] = await this.query(
      `UPDATE orders SET needs_attention = true, updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'pending' AND NOT needs_attention RETURNING id`,
      [orderIds],
    );
    return (Array.isArray(rows[0]) ? (rows[0] as unknown as { id: string }[]) : rows).map((row) => row.id);
  }

  /** Cooperatives with waiting orders or overdue offers, across tenants (for the periodic sweep). */
  async dueCooperatives(): Promise<string[]> {
    const rows: { cooperative_id: string }[] = await this.query(`SELECT cooperative_id FROM dispatch_due_cooperatives()`);
    return rows.map((row) => row.cooperative_id);
  }
}
