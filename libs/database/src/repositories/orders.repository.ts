import { Injectable } from '@nestjs/common';
import type { LatLng } from '@lib/geo';
import type { OutboxPayload, OutboxTopic } from '@lib/queues';
import type { CooperativeSettings } from '../entities';
import { Transactions } from '../transactions';
import { OrderEventRecord, orderColumns, OrderRecord, OrderStatus, toOrderRecord } from './order-record';
import { afterCursorSql, cursorAtSql, decodeCursor, Page, PageRequest, toPage } from './page';

/** What intake stores; the rest of a record (status, times, PIN) the database fills in. */
export type NewOrder = Pick<
  OrderRecord,
  'merchantId' | 'pickup' | 'dropoff' | 'readyAt' | 'deliverBy' | 'parcel' | 'reference' | 'price' | 'distanceMeters' | 'trackingToken' | 'createdBy'
>;

export interface OrderFilter {
  status?: OrderStatus;
  merchantId?: string;
  courierId?: string;
  /** Couriers see orders they hold and orders currently offered to them. */
  visibleToCourierId?: string;
}

/** Columns a status change may set along with the status. */
export interface OrderChanges {
  courierId?: string | null;
  needsAttention?: boolean;
  proof?: { type: string; value: string } | null;
  failureReason?: string;
  cancelReason?: string;
}

/** What intake reads before pricing an order, in one round trip (see `OrdersRepository.intakeContext`). */
export interface IntakeContext {
  merchant: { name: string; address: string; phone: string | null; location: LatLng };
  cooperative: { settings: Partial<CooperativeSettings>; currency: string };
  /** Whether the pickup (the given one, else the merchant's location) and the dropoff lie in the co-op's service area. */
  pickupInside: boolean;
  dropoffInside: boolean;
}

/** An idempotency key to claim for the current credential (see `IdempotencyRepository`). */
export interface IdempotencyKeyClaim {
  credential: string;
  key: string;
  requestHash: string;
}

/** A new order as stored with its first history event, and whether any webhook subscription wants it. */
export interface CreatedOrder {
  order: OrderRecord;
  event: OrderEventRecord;
  hasSubscribers: boolean;
}

const point = (index: number) => `ST_SetSRID(ST_MakePoint($${index + 1}, $${index}), 4326)::geography`;

/** Orders of the current cooperative; every status change is a conditional update. */
@Injectable()
export class OrdersRepository {
  constructor(private readonly transactions: Transactions) {}

  private async query<T = Record<string, unknown>[]>(sql: string, parameters: unknown[] = []): Promise<T> {
    return (await this.transactions.manager()).query(sql, parameters);
  }

  /**
   * The merchant (of the current co-op: another co-op's is not found), the co-op's settings
   * and currency, and whether both stops are in its service area: one query instead of
   * three (issue 20). The service area is only tested, never read out. With `claim`, the
   * same statement also claims the idempotency key (`IdempotencyRepository.claim`'s first
   * step): `keyClaimed` false means the key exists, and the caller resolves that.
   */
  async intakeContext(
    cooperativeId: string,
    merchantId: string,
    pickup: LatLng | null,
    dropoff: LatLng,
    claim?: IdempotencyKeyClaim,
  ): Promise<{ keyClaimed: boolean; context: IntakeContext | null }> {
    const [row] = await this.query(
      `WITH claim AS (
         INSERT INTO idempotency_keys (credential, key, request_hash) SELECT $7::text, $8::text, $9::text WHERE $7::text IS NOT NULL
         ON CONFLICT DO NOTHING RETURNING 1
       )
       SELECT (SELECT count(*) FROM claim) AS claimed, ctx.* FROM (SELECT 1) AS one LEFT JOIN LATERAL (
         SELECT m.name, m.address, m.phone, ST_Y(m.location::geometry) AS merchant_lat, ST_X(m.location::geometry) AS merchant_lng,
           c.settings, c.currency,
           ST_Covers(c.service_area, COALESCE(ST_SetSRID(ST_MakePoint($4::float8, $3::float8), 4326)::geography, m.location)) AS pickup_inside,
           ST_Covers(c.service_area, ST_SetSRID(ST_MakePoint($6::float8, $5::float8), 4326)::geography) AS dropoff_inside
         FROM merchants m JOIN cooperatives c ON c.id = $1
         WHERE m.id = $2
       ) AS ctx ON true`,
      [cooperativeId, merchantId, pickup?.lat ?? null, pickup?.lng ?? null, dropoff.lat, dropoff.lng, claim?.credential ?? null, claim?.key ?? null, claim?.requestHash ?? null],
    );
    const keyClaimed = !claim || Number(row.claimed) === 1;
    if (row.name === null) return { keyClaimed, context: null };
    return {
      keyClaimed,
      context: {
        merchant: {
          name: row.name as string,
          address: row.address as string,
          phone: (row.phone as string | null) ?? null,
          location: { lat: row.merchant_lat as number, lng: row.merchant_lng as number },
        },
        cooperative: { settings: (row.settings as Partial<CooperativeSettings> | null) ?? {}, currency: (row.currency as string).trim() },
        pickupInside: row.pickup_inside === true,
        dropoffInside: row.dropoff_inside === true,
      },
    };
  }

  async insert(order: NewOrder): Promise<OrderRecord> {
    const rows = await this.query(`${insertOrderSql} RETURNING ${orderColumns}`, insertOrderParameters(order));
    return toOrderRecord(rows[0]);
  }

  /**
   * A new order, its first history event and its `dispatch` outbox event, in one statement
   * (issue 20: three round trips were one after the other), in the current transaction. Tells
   * whether a webhook subscription wants `webhookEvent` for it, so that the fan-out, which
   * needs the stored order, only runs when someone listens.
   */
  async insertCreated(order: NewOrder, actor: string, webhookEvent: string): Promise<CreatedOrder> {
    const parameters = insertOrderParameters(order);
    const [actorIndex, eventIndex, topicIndex] = [parameters.length + 1, parameters.length + 2, parameters.length + 3];
    // The job registry's topic and payload (`{ orderId }`), as `OutboxRepository.add('dispatch', …)` writes them.
    const topic: OutboxTopic = 'dispatch';
    const payloadKey: keyof OutboxPayload<'dispatch'> = 'orderId';
    const rows = await this.query(
      `WITH o AS (${insertOrderSql} RETURNING ${orderColumns}),
       e AS (INSERT INTO order_events (order_id, status, actor) SELECT o.id, o.status, $${actorIndex} FROM o RETURNING at),
       x AS (INSERT INTO outbox (topic, payload) SELECT $${topicIndex}, jsonb_build_object('${payloadKey}', o.id) FROM o)
       SELECT o.*, e.at AS event_at, EXISTS (
         SELECT 1 FROM webhook_subscriptions s WHERE s.active AND $${eventIndex} = ANY(s.events) AND (s.merchant_id IS NULL OR s.merchant_id = $1)
       ) AS has_subscribers
       FROM o, e`,
      [...parameters, actor, webhookEvent, topic],
    );
    const stored = toOrderRecord(rows[0]);
    return {
      order: stored,
      event: { orderId: stored.id, status: stored.status, at: rows[0].event_at as Date, actor, detail: null },
      hasSubscribers: rows[0].has_subscribers === true,
    };
  }

  async findById(id: string): Promise<OrderRecord | null> {
    const [row] = await this.query(`SELECT ${orderColumns} FROM orders o WHERE o.id = $1`, [id]);
    return row ? toOrderRecord(row) : null;
  }

  /** Across tenants, by the customer's tracking token (a SECURITY DEFINER lookup). */
  async findByTrackingToken(token: string): Promise<{ id: string; cooperativeId: string } | null> {
    const [row] = await this.query(`SELECT id, cooperative_id FROM tracking_find_order($1)`, [token]);
    return row ? { id: row.id as string, cooperativeId: row.cooperative_id as string } : null;
  }

  async findByIds(ids: string[]): Promise<OrderRecord[]> {
    if (!ids.length) return [];
    const rows = await this.query(`SELECT ${orderColumns} FROM orders o WHERE o.id = ANY($1::uuid[])`, [ids]);
    return rows.map(toOrderRecord);
  }

  /**
   * Moves an order to `to` only if it is currently in one of `from` (and, when given, held by
   * `heldBy`). Returns the updated order, or null when the condition did not hold: the caller
   * answers 409. Two racing writers can never both succeed.
   */
  async transition(id: string, from: OrderStatus[], to: OrderStatus, changes: OrderChanges = {}, heldBy?: string): Promise<OrderRecord | null> {
    const parameters: unknown[] = [id, from, to];
    const sets = setClauses(changes, parameters);
    let condition = 'o.id = $1 AND o.status = ANY($2::text[])';
    if (heldBy) {
      parameters.push(heldBy);
      condition += ` AND o.courier_id = $${parameters.length}`;
    }
    const [updated] = await this.transactions.rows<Record<string, unknown>>(`UPDATE orders o SET ${sets} WHERE ${condition} RETURNING ${orderColumns}`, parameters);
    return updated ? toOrderRecord(updated) : null;
  }

  /** The same move for many orders in one statement (a dispatch decision's offers); returns those that moved. */
  async transitionMany(ids: string[], from: OrderStatus[], to: OrderStatus, changes: OrderChanges = {}): Promise<OrderRecord[]> {
    if (!ids.length) return [];
    const parameters: unknown[] = [ids, from, to];
    const sets = setClauses(changes, parameters);
    const rows = await this.transactions.rows<Record<string, unknown>>(
      `UPDATE orders o SET ${sets} WHERE o.id = ANY($1::uuid[]) AND o.status = ANY($2::text[]) RETURNING ${orderColumns}`,
      parameters,
    );
    return rows.map(toOrderRecord);
  }

  async setNeedsAttention(id: string, needsAttention: boolean): Promise<void> {
    await this.query(`UPDATE orders SET needs_attention = $2, updated_at = now() WHERE id = $1`, [id, needsAttention]);
  }

  appendEvent(orderId: string, status: OrderStatus, actor: string, detail: Record<string, unknown> | null = null): Promise<void> {
    return this.appendEvents([{ orderId, status, actor, detail }]);
  }

  /** Many history events in one statement, in the order given. */
  async appendEvents(events: { orderId: string; status: OrderStatus; actor: string; detail: Record<string, unknown> | null }[]): Promise<void> {
    if (!events.length) return;
    await this.query(
      `INSERT INTO order_events (order_id, status, actor, detail)
       SELECT e.order_id, e.status, e.actor, e.detail
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (order_id uuid, status text, actor text, detail jsonb)) WITH ORDINALITY AS e(order_id, status, actor, detail, n)
       ORDER BY e.n`,
      [JSON.stringify(events.map((event) => ({ order_id: event.orderId, status: event.status, actor: event.actor, detail: event.detail })))],
    );
  }

  async eventsOf(orderIds: string[]): Promise<Map<string, OrderEventRecord[]>> {
    const events = new Map<string, OrderEventRecord[]>(orderIds.map((id) => [id, []]));
    if (!orderIds.length) return events;
    const rows: { order_id: string; status: OrderStatus; at: Date; actor: string; detail: Record<string, unknown> | null }[] = await this.query(
      `SELECT order_id, status, at, actor, detail FROM order_events WHERE order_id = ANY($1::uuid[]) ORDER BY id`,
      [orderIds],
    );
    for (const row of rows) events.get(row.order_id)?.push({ orderId: row.order_id, status: row.status, at: row.at, actor: row.actor, detail: row.detail });
    return events;
  }

  async list(filter: OrderFilter, page: PageRequest): Promise<Page<OrderRecord>> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (sql: string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql.replaceAll('?', `$${parameters.length}`));
    };
    if (filter.status) where('o.status = ?', filter.status);
    if (filter.merchantId) where('o.merchant_id = ?', filter.merchantId);
    if (filter.courierId) where('o.courier_id = ?', filter.courierId);
    if (filter.visibleToCourierId) where(visibleToCourier, filter.visibleToCourierId);
    const position = page.cursor ? decodeCursor(page.cursor) : null;
    if (position) {
      parameters.push(position.createdAt, position.id);
      conditions.push(afterCursorSql('o', `$${parameters.length - 1}`, `$${parameters.length}`));
    }
    parameters.push(page.limit + 1);
    // The co-op's own orders and those a partner co-op handed to it (overflow), each read newest
    // first along its own index, then merged: one query over both would make row-level security's
    // "own or carried" an OR, which no index reads in order, and sort the co-op's whole history.
    const narrowed = conditions.map((condition) => ` AND ${condition}`).join('');
    const newest = (whose: string) =>
      `(SELECT ${orderColumns}, ${cursorAtSql('o')} AS page_cursor_at FROM orders o WHERE ${whose}${narrowed}
        ORDER BY o.created_at DESC, o.id DESC LIMIT $${parameters.length})`;
    const rows = await this.query(
      `SELECT * FROM (${newest('o.cooperative_id = app_current_cooperative()')} UNION ALL ${newest('o.carrier_cooperative_id = app_current_cooperative()')}) page
       ORDER BY page.created_at DESC, page.id DESC LIMIT $${parameters.length}`,
      parameters,
    );
    return toPage(rows.map(toOrderRecord), page.limit, (_, index) => rows[index].page_cursor_at as string);
  }

  /** Every order not yet closed, oldest first (the dispatch board). */
  async active(): Promise<OrderRecord[]> {
    const rows = await this.query(`SELECT ${orderColumns} FROM orders o WHERE o.status IN ('pending', 'offered', 'assigned', 'picked_up') ORDER BY o.created_at`);
    return rows.map(toOrderRecord);
  }

  async holdsAny(courierId: string): Promise<boolean> {
    const [row] = await this.query(`SELECT 1 FROM orders o WHERE o.courier_id = $1 AND o.status IN ('assigned', 'picked_up') LIMIT 1`, [courierId]);
    return !!row;
  }

  async isVisibleToCourier(orderId: string, courierId: string): Promise<boolean> {
    const [row] = await this.query(`SELECT 1 FROM orders o WHERE o.id = $1 AND ${visibleToCourier.replaceAll('?', '$2')}`, [orderId, courierId]);
    return !!row;
  }
}

const insertOrderSql = `INSERT INTO orders AS o (merchant_id, pickup_address, pickup_location, pickup_contact_name, pickup_phone, pickup_notes,
    dropoff_address, dropoff_location, dropoff_contact_name, dropoff_phone, dropoff_notes,
    ready_at, deliver_by, parcel_size, parcel_weight_kg, reference, price_amount, price_currency,
    distance_meters, tracking_token, created_by)
  VALUES ($1, $2, ${point(3)}, $5, $6, $7, $8, ${point(9)}, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`;

function insertOrderParameters(order: NewOrder): unknown[] {
  return [
    order.merchantId,
    order.pickup.address, order.pickup.location.lat, order.pickup.location.lng, order.pickup.contactName, order.pickup.phone, order.pickup.notes,
    order.dropoff.address, order.dropoff.location.lat, order.dropoff.location.lng, order.dropoff.contactName, order.dropoff.phone, order.dropoff.notes,
    order.readyAt, order.deliverBy, order.parcel.size, order.parcel.weightKg, order.reference, order.price.amount, order.price.currency,
    order.distanceMeters, order.trackingToken, order.createdBy,
  ];
}

/** Held by the courier, or with an open offer to them. */
const visibleToCourier = `(o.courier_id = ? OR EXISTS (SELECT 1 FROM offers f WHERE f.order_id = o.id AND f.courier_id = ? AND f.status = 'open'))`;

/** `SET` list of a status change: the status (parameter 3), its time and the columns it sets; appends their values. */
function setClauses(changes: OrderChanges, parameters: unknown[]): string {
  const sets = ['status = $3', 'updated_at = now()'];
  const set = (column: string, value: unknown) => {
    parameters.push(value);
    sets.push(`${column} = $${parameters.length}`);
  };
  if (changes.courierId !== undefined) set('courier_id', changes.courierId);
  if (changes.needsAttention !== undefined) set('needs_attention', changes.needsAttention);
  if (changes.proof !== undefined) set('proof', changes.proof === null ? null : JSON.stringify(changes.proof));
  if (changes.failureReason !== undefined) set('failure_reason', changes.failureReason);
  if (changes.cancelReason !== undefined) set('cancel_reason', changes.cancelReason);
  return sets.join(', ');
}
