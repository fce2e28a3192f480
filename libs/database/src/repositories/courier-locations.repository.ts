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

/** The position history of the current cooperative's couriers (`courier_locations`). */
@Injectable()
export class CourierLocationsRepository {
  constructor(private readonly transactions: Transactions) {}

  /**
   * Inserts many points in one statement (arrays unnested server-side, so the statement does
   * not grow with the batch). A point already stored (same courier and time) is skipped.
   * Returns how many rows were new.
   */
  async insertMany(rows: CourierLocationRow[]): Promise<number> {
    if (!rows.length) return 0;
    const inserted: unknown[] = await (await this.transactions.manager()).query(
      `INSERT INTO courier_locations (courier_id, recorded_at, location, accuracy, heading, speed)
       SELECT p.courier_id, p.recorded_at, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326)::geography, p.accuracy, p.heading, p.speed
       FROM unnest($1::uuid[], $2::timestamptz[], $3::float8[], $4::float8[], $5::real[], $6::real[], $7::real[])
         AS p(courier_id, recorded_at, lat, lng, accuracy, heading, speed)
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

  /** Deletes up to `limit` points recorded before `before`, in every cooperative (retention). */
  async prune(before: Date, limit: number): Promise<number> {
    const [row] = await (await this.transactions.manager()).query(`SELECT courier_locations_prune($1, $2) AS deleted`, [before.toISOString(), limit]);
    return row.deleted;
  }
}
