import { Injectable } from '@nestjs/common';
import { Transactions } from '../transactions';

/** One stored position of a courier. */
export interface CourierLocationRow {
  courierId: string;
  lat: number;
  lng: number;
  recordedAt: Date;
  accuracy: number | null;
  heading: number | null;
  speed: number | null;
}

/**
 * Phones' clocks are not the server's (the position rules accept a minute ahead), and a phone's
 * first fix of a shift may be a few seconds old: a point this close to a shift's start or end
 * counts as measured during it.
 */
export const SHIFT_CLOCK_TOLERANCE_SECONDS = 60;

/** The position history of the current cooperative's couriers (`courier_locations`). */
@Injectable()
export class CourierLocationsRepository {
  constructor(private readonly transactions: Transactions) {}

  /**
   * Inserts many points in one statement (arrays unnested server-side, so the statement does
   * not grow with the batch). A point already stored (same courier and time) is skipped, and
   * so is a point measured when none of the courier's logged shifts was open (give or take
   * SHIFT_CLOCK_TOLERANCE_SECONDS): positions are
   * only ever stored while on shift, whichever process writes them and however late a phone
   * sends them. Returns how many rows were new.
   */
  async insertMany(rows: CourierLocationRow[]): Promise<number> {
    if (!rows.length) return 0;
    const inserted: unknown[] = await (await this.transactions.manager()).query(
      `INSERT INTO courier_locations (courier_id, recorded_at, location, accuracy, heading, speed)
       SELECT p.courier_id, p.recorded_at, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326)::geography, p.accuracy, p.heading, p.speed
       FROM unnest($1::uuid[], $2::timestamptz[], $3::float8[], $4::float8[], $5::real[], $6::real[], $7::real[])
         AS p(courier_id, recorded_at, lat, lng, accuracy, heading, speed)
       WHERE EXISTS (
         SELECT 1 FROM courier_shifts s
         WHERE s.courier_id = p.courier_id AND s.started_at <= p.recorded_at + $8::interval
           AND (s.ended_at IS NULL OR s.ended_at >= p.recorded_at - $8::interval)
       ) OR EXISTS (
         -- The current shift as the courier row holds it (the log's open row says the same).
         SELECT 1 FROM couriers c WHERE c.id = p.courier_id AND c.on_shift AND c.shift_started_at <= p.recorded_at + $8::interval
       )
       ON CONFLICT (courier_id, recorded_at) DO NOTHING
       RETURNING 1`,
      [
        rows.map((row) => row.courierId),
        rows.map((row) => row.recordedAt.toISOString()),
        rows.map((row) => row.lat),
        rows.map((row) => row.lng),
        rows.map((row) => row.accuracy),
        rows.map((row) => row.heading),
        rows.map((row) => row.speed),
        `${SHIFT_CLOCK_TOLERANCE_SECONDS} seconds`,
      ],
    );
    return inserted.length;
  }

  /** A courier's points since a time, oldest first. */
  async listForCourier(courierId: string, since: Date, limit = 1000): Promise<CourierLocationRow[]> {
    return (await this.transactions.manager()).query(
      `SELECT courier_id AS "courierId", ST_Y(location::geometry) AS lat, ST_X(location::geometry) AS lng,
              recorded_at AS "recordedAt", accuracy, heading, speed
       FROM courier_locations WHERE courier_id = $1 AND recorded_at >= $2
       ORDER BY recorded_at LIMIT $3`,
      [courierId, since.toISOString(), limit],
    );
  }

  /**
   * A page of a courier's points after `after` (exclusive; null: from the first), oldest first:
   * the data download walks the whole history this way without holding it in memory.
   */
  async pageForCourier(courierId: string, after: Date | null, limit: number): Promise<CourierLocationRow[]> {
    return this.transactions.rows<CourierLocationRow>(
      `SELECT courier_id AS "courierId", ST_Y(location::geometry) AS lat, ST_X(location::geometry) AS lng,
              recorded_at AS "recordedAt", accuracy, heading, speed
       FROM courier_locations WHERE courier_id = $1 AND ($2::timestamptz IS NULL OR recorded_at > $2)
       ORDER BY recorded_at LIMIT $3`,
      [courierId, after?.toISOString() ?? null, limit],
    );
  }

  /**
   * Every cooperative with the days of history it keeps (`settings.positionRetentionDays`,
   * default 30). Cooperatives are not row-level secured, so this reads without a tenant.
   */
  retentionByCooperative(defaultDays: number): Promise<{ cooperativeId: string; days: number }[]> {
    return this.transactions.rows(
      `SELECT id AS "cooperativeId", coalesce((settings->>'positionRetentionDays')::int, $1)::int AS days FROM cooperatives ORDER BY id`,
      [defaultDays],
    );
  }

  /**
   * Deletes up to `limit` of the current cooperative's points recorded before `before`, oldest
   * first (retention; short statements, so no long locks). Returns how many went.
   */
  async pruneBefore(before: Date, limit: number): Promise<number> {
    const deleted = await this.transactions.rows<{ deleted: number }>(
      `WITH doomed AS (
         SELECT courier_id, recorded_at FROM courier_locations
         WHERE cooperative_id = app_current_cooperative() AND recorded_at < $1 ORDER BY recorded_at LIMIT $2
       ), gone AS (
         DELETE FROM courier_locations l USING doomed d
         WHERE l.courier_id = d.courier_id AND l.recorded_at = d.recorded_at
         RETURNING 1
       )
       SELECT count(*)::int AS deleted FROM gone`,
      [before.toISOString(), limit],
    );
    return deleted[0].deleted;
  }
}
