import { Injectable } from '@nestjs/common';
import { CourierRecord, UserRecord } from '../entities';
import { Transactions } from '../transactions';
import { keysetPage, Page, PageRequest } from './page';

export type CourierWithUser = CourierRecord & { user: Pick<UserRecord, 'id' | 'name' | 'email' | 'phone'> };

const courierColumns = `c.id, c.cooperative_id AS "cooperativeId", c.user_id AS "userId", c.vehicle, c.capacity, c.on_shift AS "onShift",
  c.shift_started_at AS "shiftStartedAt", c.shift_ends_at AS "shiftEndsAt", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

/** Couriers of the current cooperative. */
@Injectable()
export class CouriersRepository {
  constructor(private readonly transactions: Transactions) {}

  async create(values: Pick<CourierRecord, 'userId' | 'vehicle' | 'capacity'>): Promise<CourierRecord> {
    const [courier] = await this.transactions.rows<CourierRecord>(
      `INSERT INTO couriers AS c (user_id, vehicle, capacity) VALUES ($1, $2, $3) RETURNING ${courierColumns}`,
      [values.userId, values.vehicle, values.capacity],
    );
    return courier;
  }

  async findById(id: string): Promise<CourierRecord | null> {
    const [courier] = await this.transactions.rows<CourierRecord>(`SELECT ${courierColumns} FROM couriers c WHERE c.id = $1`, [id]);
    return courier ?? null;
  }

  async findByUserId(userId: string): Promise<CourierRecord | null> {
    const [courier] = await this.transactions.rows<CourierRecord>(`SELECT ${courierColumns} FROM couriers c WHERE c.user_id = $1`, [userId]);
    return courier ?? null;
  }

  /**
   * The courier's shift as of now, with its row share-locked until the transaction ends: a
   * shift cannot end while positions are being stored under it (ending waits for the lock).
   */
  async shiftHeld(id: string): Promise<{ onShift: boolean; shiftStartedAt: Date | null } | null> {
    const [row] = await this.transactions.rows<{ onShift: boolean; shiftStartedAt: Date | null }>(
      `SELECT on_shift AS "onShift", shift_started_at AS "shiftStartedAt" FROM couriers WHERE id = $1 FOR SHARE`,
      [id],
    );
    return row ?? null;
  }

  /** A field left out keeps its value; null when the courier is not in this cooperative. */
  async update(id: string, values: Partial<Pick<CourierRecord, 'vehicle' | 'capacity'>>): Promise<CourierRecord | null> {
    const [courier] = await this.transactions.rows<CourierRecord>(
      `UPDATE couriers AS c SET vehicle = coalesce($2, c.vehicle), capacity = coalesce($3, c.capacity), updated_at = now()
       WHERE c.id = $1 RETURNING ${courierColumns}`,
      [id, values.vehicle ?? null, values.capacity ?? null],
    );
    return courier ?? null;
  }

  /**
   * Starts a shift (or, already on shift, changes its planned end) and opens its row in the
   * shift log; returns the courier, or null when it is not in this cooperative.
   */
  async startShift(id: string, endsAt: Date | null): Promise<CourierRecord | null> {
    const [courier] = await this.transactions.rows<CourierRecord>(
      `UPDATE couriers AS c SET on_shift = true, shift_started_at = coalesce(c.shift_started_at, now()), shift_ends_at = $2, updated_at = now()
       WHERE c.id = $1 RETURNING ${courierColumns}`,
      [id, endsAt],
    );
    if (!courier) return null;
    await this.transactions.rows(
      `INSERT INTO courier_shifts (courier_id, started_at) SELECT id, shift_started_at FROM couriers WHERE id = $1
       ON CONFLICT (courier_id) WHERE ended_at IS NULL DO NOTHING`,
      [id],
    );
    return courier;
  }

  /** Ends the shift and closes its row in the shift log; null when not in this cooperative. */
  async endShift(id: string): Promise<CourierRecord | null> {
    const [courier] = await this.transactions.rows<CourierRecord>(
      `UPDATE couriers AS c SET on_shift = false, shift_started_at = NULL, shift_ends_at = NULL, updated_at = now() WHERE c.id = $1 RETURNING ${courierColumns}`,
      [id],
    );
    if (!courier) return null;
    await this.transactions.rows(`UPDATE courier_shifts SET ended_at = greatest(now(), started_at) WHERE courier_id = $1 AND ended_at IS NULL`, [id]);
    return courier;
  }

  /** Newest first. */
  list(page: PageRequest, filter: { onShift?: boolean } = {}): Promise<Page<CourierRecord>> {
    return keysetPage<CourierRecord>(this.transactions, {
      columns: courierColumns, from: 'couriers c', alias: 'c', where: '$1::boolean IS NULL OR c.on_shift = $1', parameters: [filter.onShift ?? null],
    }, page);
  }

  /** Couriers on shift or holding an order, with their names (the dispatch board). */
  working(): Promise<(CourierRecord & { name: string })[]> {
    return this.transactions.rows(
      `SELECT ${courierColumns}, u.name FROM couriers c JOIN users u ON u.id = c.user_id
       WHERE c.on_shift OR EXISTS (SELECT 1 FROM orders o WHERE o.courier_id = c.id AND o.status IN ('assigned', 'picked_up'))`,
    );
  }

  /** Display names for couriers, in one query. */
  async namesOf(courierIds: string[]): Promise<Map<string, string>> {
    if (!courierIds.length) return new Map();
    const rows = await this.transactions.rows<{ id: string; name: string }>(
      `SELECT c.id, u.name FROM couriers c JOIN users u ON u.id = c.user_id WHERE c.id = ANY($1::uuid[])`,
      [courierIds],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
