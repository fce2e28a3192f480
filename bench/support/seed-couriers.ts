import type { Client } from 'pg';

export interface SeededCourier {
  courierId: string;
  userId: string;
}

/**
 * `count` couriers of one co-op, on shift since now (with its open `courier_shifts` row), capacity 3, written directly as the owner
 * (thousands of them through the API would take minutes and measure nothing).
 */
export async function insertCouriersOnShift(owner: Client, cooperativeId: string, count: number, tag: string): Promise<SeededCourier[]> {
  const { rows } = await owner.query<SeededCourier>(
    `WITH u AS (INSERT INTO users (cooperative_id, email, password_hash, name, role)
                SELECT $1, 'courier' || g || '-' || $3 || '@bench.example', 'unused', 'Courier ' || g, 'courier' FROM generate_series(1, $2) g RETURNING id)
     INSERT INTO couriers (cooperative_id, user_id, vehicle, capacity, on_shift, shift_started_at)
     SELECT $1, id, 'bike', 3, true, now() FROM u RETURNING id AS "courierId", user_id AS "userId"`,
    [cooperativeId, count, tag],
  );
  // The shift's record too: dispatch and the position history read shifts from it.
  await owner.query(`INSERT INTO courier_shifts (cooperative_id, courier_id, started_at) SELECT $1, c, now() FROM unnest($2::uuid[]) c`, [
    cooperativeId,
    rows.map((row) => row.courierId),
  ]);
  return rows;
}
