import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.sql';

/**
 * The history of courier positions (the live position is in Redis). Written in batches by
 * the tracking gateway and by the offline-batch endpoint, under row-level security like every
 * tenant table. The primary key makes a re-sent point (an offline batch retried) a no-op.
 * Retention is a periodic prune through a SECURITY DEFINER function, since no tenant scope
 * sees every cooperative's rows.
 */
export class CourierLocations1764000000200 implements MigrationInterface {
  name = 'CourierLocations1764000000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE courier_locations (
        cooperative_id uuid NOT NULL DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        courier_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        location geography(Point, 4326) NOT NULL,
        accuracy real,
        heading real,
        speed real,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (courier_id, recorded_at),
        FOREIGN KEY (cooperative_id, courier_id) REFERENCES couriers (cooperative_id, id) ON DELETE CASCADE
      )`);
    // Pruning walks the oldest rows first, across cooperatives.
    await db.query(`CREATE INDEX courier_locations_recorded_at ON courier_locations (recorded_at)`);
    await db.query(enableTenantIsolation('courier_locations'));

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
    await db.query(`GRANT SELECT, INSERT, DELETE ON courier_locations TO dispatch_app`);
    await db.query(`GRANT EXECUTE ON FUNCTION courier_locations_prune(timestamptz, integer) TO dispatch_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS courier_locations_prune(timestamptz, integer)`);
    await db.query(`DROP TABLE IF EXISTS courier_locations`);
  }
}
