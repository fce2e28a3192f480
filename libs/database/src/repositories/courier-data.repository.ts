import { Injectable } from '@nestjs/common';
import { Transactions } from '../transactions';

/**
 * Everything stored about one courier, for its own download (`GET /couriers/me/data`), except
 * the position history, which is paged (`CourierLocationsRepository.pageForCourier`). Other
 * people's personal data on the same rows (a customer's name and phone, the delivery PIN) is
 * left out: the download is the courier's data, not the customers'.
 */
@Injectable()
export class CourierDataRepository {
  constructor(private readonly transactions: Transactions) {}

  async profile(courierId: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.transactions.rows<Record<string, unknown>>(
      `SELECT c.id AS "courierId", c.vehicle, c.capacity, c.on_shift AS "onShift", c.shift_started_at AS "shiftStartedAt",
         c.shift_ends_at AS "shiftEndsAt", c.created_at AS "createdAt", c.updated_at AS "updatedAt",
         json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'phone', u.phone, 'role', u.role,
           'createdAt', u.created_at, 'updatedAt', u.updated_at, 'deactivatedAt', u.deactivated_at) AS user,
         json_build_object('id', k.id, 'name', k.name) AS cooperative
       FROM couriers c JOIN users u ON u.id = c.user_id JOIN cooperatives k ON k.id = c.cooperative_id
       WHERE c.id = $1`,
      [courierId],
    );
    return row ?? null;
  }

  shifts(courierId: string): Promise<Record<string, unknown>[]> {
    return this.transactions.rows(
      `SELECT id, started_at AS "startedAt", ended_at AS "endedAt" FROM courier_shifts WHERE courier_id = $1 ORDER BY started_at`,
      [courierId],
    );
  }

  /** Orders the courier held (whatever became of them), with their status history. */
  jobs(courierId: string): Promise<Record<string, unknown>[]> {
    return this.transactions.rows(
      `SELECT o.id AS "orderId", o.status, o.created_at AS "createdAt", o.ready_at AS "readyAt",
         json_build_object('address', o.pickup_address, 'lat', ST_Y(o.pickup_location::geometry), 'lng', ST_X(o.pickup_location::geometry)) AS pickup,
         json_build_object('address', o.dropoff_address, 'lat', ST_Y(o.dropoff_location::geometry), 'lng', ST_X(o.dropoff_location::geometry)) AS dropoff,
         json_build_object('amount', o.price_amount, 'currency', trim(o.price_currency)) AS price,
         o.distance_meters AS "distanceMeters", o.parcel_size AS "parcelSize", o.failure_reason AS "failureReason",
         coalesce((SELECT json_agg(json_build_object('status', e.status, 'at', e.at, 'actor', e.actor) ORDER BY e.id)
                   FROM order_events e WHERE e.order_id = o.id), '[]') AS events
       FROM orders o WHERE o.courier_id = $1
       ORDER BY o.created_at`,
      [courierId],
    );
  }

  /** Every offer made to the courier and how it ended. */
  offers(courierId: string): Promise<Record<string, unknown>[]> {
    return this.transactions.rows(
      `SELECT id AS "offerId", order_id AS "orderId", status, created_at AS "createdAt", expires_at AS "expiresAt",
         responded_at AS "respondedAt", reason
       FROM offers WHERE courier_id = $1 ORDER BY created_at`,
      [courierId],
    );
  }
}
