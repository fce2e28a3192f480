import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, Transactions } from '@lib/database';
import type { LatLng } from '@lib/geo';
import { VALENCE } from './geography';
import { createTestDatabase, testConfig } from './test-environment';

export type Row = Record<string, unknown>;

/**
 * The medium test size: one database cloned from the migrated template, a data source that
 * connects as the application role (row-level security applies, as in production) and the
 * `Transactions` the repositories take their connection from. No Nest app, no Redis.
 * Rows are made by the owner (`seed`), below the repositories under test.
 */
export interface RepositoryDatabase {
  dataSource: DataSource;
  transactions: Transactions;
  /** Runs SQL as the database owner (no row-level security). */
  sql<T = Row>(text: string, values?: unknown[]): Promise<T[]>;
  seed: Seeds;
  close(): Promise<void>;
}

export async function openRepositoryDatabase(options: { poolSize?: number } = {}): Promise<RepositoryDatabase> {
  const database = await createTestDatabase();
  const config = testConfig(database.url, { DATABASE_POOL_SIZE: String(options.poolSize ?? 10) });
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  const owner = new Client({ connectionString: database.url });
  await owner.connect();
  const sql = async <T = Row>(text: string, values?: unknown[]) => (await owner.query(text, values)).rows as T[];
  return {
    dataSource,
    transactions: new Transactions(dataSource),
    sql,
    seed: new Seeds(sql),
    close: async () => {
      await owner.end();
      await dataSource.destroy();
      await database.drop();
    },
  };
}

const unique = () => randomBytes(4).toString('hex');
const point = (at: LatLng) => `SRID=4326;POINT(${at.lng} ${at.lat})`;

/** Rows as the API would have stored them, each in one line, for repository tests. */
export class Seeds {
  constructor(private readonly sql: <T = Row>(text: string, values?: unknown[]) => Promise<T[]>) {}

  private async one(text: string, values: unknown[]): Promise<string> {
    const [row] = await this.sql<{ id: string }>(text, values);
    return row.id;
  }

  cooperative(center: LatLng = VALENCE, timezone = 'Europe/Paris'): Promise<string> {
    const d = 0.05;
    const ring = [[-d, -d], [d, -d], [d, d], [-d, d], [-d, -d]].map(([x, y]) => `${center.lng + x} ${center.lat + y}`).join(', ');
    const slug = `coop-${unique()}`;
    return this.one(
      `INSERT INTO cooperatives (name, slug, timezone, currency, service_area) VALUES ($1, $2, $3, 'EUR', $4::geography) RETURNING id`,
      [`Coop ${slug}`, slug, timezone, `SRID=4326;MULTIPOLYGON(((${ring})))`],
    );
  }

  merchant(cooperativeId: string, location: LatLng = VALENCE): Promise<string> {
    return this.one(
      `INSERT INTO merchants (cooperative_id, name, address, location) VALUES ($1, $2, '1 place du Marché', $3::geography) RETURNING id`,
      [cooperativeId, `Bistro ${unique()}`, point(location)],
    );
  }

  /** A courier (and its user), on shift or not. */
  async courier(cooperativeId: string, options: { onShift?: boolean; capacity?: number; name?: string } = {}): Promise<string> {
    const name = options.name ?? `courier ${unique()}`;
    const userId = await this.one(
      `INSERT INTO users (cooperative_id, email, password_hash, name, role) VALUES ($1, $2, 'not-a-hash', $3, 'courier') RETURNING id`,
      [cooperativeId, `courier-${unique()}@test.example`, name],
    );
    return this.one(
      `INSERT INTO couriers (cooperative_id, user_id, vehicle, capacity, on_shift, shift_started_at)
       VALUES ($1, $2, 'bike', $3, $4, CASE WHEN $4 THEN now() END) RETURNING id`,
      [cooperativeId, userId, options.capacity ?? 2, options.onShift ?? false],
    );
  }

  /** An order of the merchant, pending unless told, at `createdAt` (default now()). */
  order(
    cooperativeId: string,
    merchantId: string,
    options: { status?: string; courierId?: string | null; createdAt?: string; needsAttention?: boolean; pickup?: LatLng } = {},
  ): Promise<string> {
    const pickup = options.pickup ?? VALENCE;
    return this.one(
      `INSERT INTO orders (cooperative_id, merchant_id, status, courier_id, needs_attention, pickup_address, pickup_location,
         dropoff_address, dropoff_location, ready_at, parcel_size, price_amount, price_currency, distance_meters, tracking_token,
         created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, '1 place du Marché', $6::geography, '8 rue de l''Université', $7::geography, now(), 'M', 700, 'EUR',
         1500, $8, 'test', coalesce($9::timestamptz, now()))
       RETURNING id`,
      [
        cooperativeId, merchantId, options.status ?? 'pending', options.courierId ?? null, options.needsAttention ?? false,
        point(pickup), point({ lat: pickup.lat + 0.01, lng: pickup.lng + 0.008 }), `track-${unique()}${unique()}`, options.createdAt ?? null,
      ],
    );
  }

  offer(cooperativeId: string, orderId: string, courierId: string, status = 'open'): Promise<string> {
    return this.one(
      `INSERT INTO offers (cooperative_id, order_id, courier_id, status, expires_at) VALUES ($1, $2, $3, $4, now() + interval '1 minute') RETURNING id`,
      [cooperativeId, orderId, courierId, status],
    );
  }

  /** An outbox event, due now. */
  outboxEvent(cooperativeId: string, topic = 'dispatch', payload: Row = {}): Promise<string> {
    return this.one(`INSERT INTO outbox (cooperative_id, topic, payload) VALUES ($1, $2, $3) RETURNING id`, [cooperativeId, topic, payload]);
  }
}
