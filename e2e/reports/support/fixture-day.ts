import type { CoopFixture } from '@lib/testing';
import { Courier, newCourier, newOrder } from '../../support/factories';
import type { TestSystem } from '../../support/system';

/**
 * A co-op's past working day written straight into the tables (as the database owner), so a
 * test knows every figure the report must give: shifts, delivered orders at chosen times and
 * prices, offers and how they ended. Orders are created through the API, then moved.
 */
export interface FixtureWriter {
  /** The courier was created before the fixture days, so it counts as a member then. */
  backdate(courierId: string): Promise<void>;
  shift(courierId: string, startedAt: string, endedAt: string | null): Promise<void>;
  delivered(courierId: string, deliveredAt: string, price: number, distanceMeters: number): Promise<string>;
  offer(courierId: string, createdAt: string, status: 'declined' | 'expired' | 'accepted'): Promise<void>;
  positions(courierId: string, times: string[]): Promise<void>;
  rename(courierId: string, name: string): Promise<void>;
}

export function fixtureWriter(system: TestSystem, coop: CoopFixture): FixtureWriter {
  const cooperativeId = coop.cooperative.id;
  let anyOrder: string | undefined;
  return {
    backdate: async (courierId) => {
      await system.sql(`UPDATE couriers SET created_at = '2026-01-01T00:00:00Z' WHERE id = $1`, [courierId]);
    },
    shift: async (courierId, startedAt, endedAt) => {
      await system.sql(`INSERT INTO courier_shifts (cooperative_id, courier_id, started_at, ended_at) VALUES ($1, $2, $3, $4)`, [cooperativeId, courierId, startedAt, endedAt]);
    },
    delivered: async (courierId, deliveredAt, price, distanceMeters) => {
      const order = await newOrder(system, coop);
      anyOrder ??= order.id;
      await system.sql(`UPDATE orders SET status = 'delivered', courier_id = $2, price_amount = $3, distance_meters = $4 WHERE id = $1`, [order.id, courierId, price, distanceMeters]);
      await system.sql(`INSERT INTO order_events (cooperative_id, order_id, status, at, actor) VALUES ($1, $2, 'delivered', $3, 'fixture')`, [cooperativeId, order.id, deliveredAt]);
      return order.id;
    },
    offer: async (courierId, createdAt, status) => {
      anyOrder ??= (await newOrder(system, coop)).id;
      await system.sql(
        `INSERT INTO offers (cooperative_id, order_id, courier_id, status, created_at, expires_at, responded_at)
         VALUES ($1, $2, $3, $4, $5, $5::timestamptz + interval '1 minute', $5::timestamptz + interval '30 seconds')`,
        [cooperativeId, anyOrder, courierId, status, createdAt],
      );
    },
    positions: async (courierId, times) => {
      await system.sql(
        `INSERT INTO courier_locations (cooperative_id, courier_id, recorded_at, location)
         SELECT $1, $2, t, ST_SetSRID(ST_MakePoint($4, $5), 4326)::geography FROM unnest($3::timestamptz[]) t`,
        [cooperativeId, courierId, times, coop.center.lng, coop.center.lat],
      );
    },
    rename: async (courierId, name) => {
      await system.sql(`UPDATE users SET name = $2 WHERE id = (SELECT user_id FROM couriers WHERE id = $1)`, [courierId, name]);
    },
  };
}

/** Another courier of the co-op, a member since before the fixture days. */
export async function memberCourier(system: TestSystem, coop: CoopFixture, writer: FixtureWriter): Promise<Courier> {
  const courier = await newCourier(system, coop);
  await writer.backdate(courier.courierId);
  return courier;
}
