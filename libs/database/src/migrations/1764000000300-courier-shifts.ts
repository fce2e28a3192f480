import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.sql';

/**
 * Shifts as a history, and the end a courier plans for the current one.
 *
 * Fair dispatch compares couriers by what they earn per hour on shift, so it needs every
 * shift of the day (a courier who rode at lunch and is back for dinner has worked both), and
 * a co-op's work outlook (jobs per courier-hour, half hour by half hour) is learnt from past
 * days' shifts and orders. `couriers.on_shift` / `shift_started_at` stay the current state;
 * `courier_shifts` is the log, one open row per courier on shift.
 */
export class CourierShifts1764000000300 implements MigrationInterface {
  name = 'CourierShifts1764000000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE couriers ADD COLUMN shift_ends_at timestamptz`);
    await db.query(`
      CREATE TABLE courier_shifts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        courier_id uuid NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz CHECK (ended_at >= started_at),
        FOREIGN KEY (cooperative_id, courier_id) REFERENCES couriers (cooperative_id, id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE UNIQUE INDEX courier_shifts_one_open ON courier_shifts (courier_id) WHERE ended_at IS NULL`);
    // The outlook and "on shift today" read a co-op's shifts by time.
    await db.query(`CREATE INDEX courier_shifts_by_time ON courier_shifts (cooperative_id, started_at)`);
    // The outlook attributes each delivered order to the half hour its food was ready.
    await db.query(`CREATE INDEX orders_delivered_by_ready ON orders (cooperative_id, ready_at) WHERE status = 'delivered'`);
    await db.query(enableTenantIsolation('courier_shifts'));
    await db.query(`GRANT SELECT, INSERT, UPDATE ON courier_shifts TO dispatch_app`);
    // Couriers on shift when this lands keep their shift.
    await db.query(`
      INSERT INTO courier_shifts (cooperative_id, courier_id, started_at)
      SELECT cooperative_id, id, shift_started_at FROM couriers WHERE on_shift AND shift_started_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS orders_delivered_by_ready`);
    await db.query(`DROP TABLE IF EXISTS courier_shifts`);
    await db.query(`ALTER TABLE couriers DROP COLUMN IF EXISTS shift_ends_at`);
  }
}
