import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Couriers own their data (issue 21): the indexes behind the members' fairness report, the
 * "history only while on shift" rule and each co-op's position-history retention.
 *
 * - `courier_shifts (courier_id, started_at)`: the history keeps a point only when one of the
 *   courier's logged shifts covers the time it was measured (checked in the insert itself).
 * - `courier_locations (cooperative_id, recorded_at)`: retention deletes a co-op's oldest
 *   points first, each co-op by its own `settings.positionRetentionDays`.
 * - `order_events (cooperative_id, at) WHERE status = 'delivered'` and
 *   `offers (cooperative_id, created_at)`: the report reads a period's deliveries and offers.
 *
 * Retention now deletes under row-level security, one co-op at a time, so the application
 * role needs no cross-tenant function for it; the old global prune function is dropped.
 */
export class CourierData1764000000700 implements MigrationInterface {
  name = 'CourierData1764000000700';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS courier_shifts_by_courier ON courier_shifts (courier_id, started_at)`);
    await db.query(`CREATE INDEX IF NOT EXISTS courier_locations_by_cooperative ON courier_locations (cooperative_id, recorded_at)`);
    await db.query(`CREATE INDEX IF NOT EXISTS order_events_delivered ON order_events (cooperative_id, at) WHERE status = 'delivered'`);
    await db.query(`CREATE INDEX IF NOT EXISTS offers_by_time ON offers (cooperative_id, created_at)`);
    await db.query(`DROP FUNCTION IF EXISTS courier_locations_prune(timestamptz, integer)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION courier_locations_prune(p_before timestamptz, p_limit integer) RETURNS integer
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        WITH doomed AS (
          SELECT courier_id, recorded_at FROM courier_locations
          WHERE recorded_at < p_before ORDER BY recorded_at LIMIT p_limit
        ), deleted AS (
          DELETE FROM courier_locations l USING doomed d
          WHERE l.courier_id = d.courier_id AND l.recorded_at = d.recorded_at
          RETURNING 1
        )
        SELECT count(*)::integer FROM deleted
      $$`);
    await db.query(`GRANT EXECUTE ON FUNCTION courier_locations_prune(timestamptz, integer) TO dispatch_app`);
    for (const index of ['offers_by_time', 'order_events_delivered', 'courier_locations_by_cooperative', 'courier_shifts_by_courier']) {
      await db.query(`DROP INDEX IF EXISTS ${index}`);
    }
  }
}
