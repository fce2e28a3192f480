import { Injectable } from '@nestjs/common';
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

const point = (index: number) => `ST_SetSRID(ST_MakePoint($${index + 1}, $${index}), 4326)::geography`;

/** Orders of the current cooperative; every status change is a conditional update. */
@Injectable()
export class OrdersRepository {
  constructor(private readonly transactions: Transactions) {}

  private async query<T = Record<string, unknown>[]>(sql: string, parameters: unknown[] = []): Promise<T> {
    return (await this.transactions.manager()).query(sql, parameters);
  }

  async insert(order: NewOrder): Promise<OrderRecord> {
    const rows = await this.query(
      `INSERT INTO orders AS o (merchant_id, pickup_address, pickup_location, pickup_contact_name, pickup_phone, pickup_notes,
         dropoff_address, dropoff_location, dropoff_contact_name, dropoff_phone, dropoff_notes,
         ready_at, deliver_by, parcel_size, parcel_weight_kg, reference, price_amount, price_currency,
         distance_meters, tracking_token, created_by)
       VALUES ($1, $2, ${point(3)}, $5, $6, $7, $8, ${point(9)}, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
       RETURNING ${orderColumns}`,
      [
        order.merchantId,
        order.pickup.address, order.pickup.location.lat, order.pickup.location.lng, order.pickup.contactName, order.pickup.phone, order.pickup.notes,
        order.dropoff.address, order.dropoff.location.lat, order.dropoff.location.lng, order.dropoff.contactName, order.dropoff.phone, order.dropoff.notes,
        order.readyAt, order.deliverBy, order.parcel.size, order.parcel.weightKg, order.reference, order.price.amount, order.price.currency,
        order.distanceMeters, order.trackingToken, order.createdBy,
      ],
    );
    return toOrderRecord(rows[0]);
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
    const sets = ['status = $3', 'updated_at = now()'];
    const parameters: unknown[] = [id, from, to];
    const set = (column: string, value: unknown) => {
      parameters.push(value);
      sets.push(`${column} = $${parameters.length}`);
    };
    if (changes.courierId !== undefined) set('courier_id', changes.courierId);
    if (changes.needsAttention !== undefined) set('needs_attention', changes.needsAttention);
    if (changes.proof !== undefined) set('proof', changes.proof === null ? null : JSON.stringify(changes.proof));
    if (changes.failureReason !== undefined) set('failure_reason', changes.failureReason);
    if (changes.cancelReason !== undefined) set('cancel_reason', changes.cancelReason);
    let condition = 'o.id = $1 AND o.status = ANY($2::text[])';
    if (heldBy) {
      parameters.push(heldBy);
      condition += ` AND o.courier_id = $${parameters.length}`;
    }
    const [updated] = await this.transactions.rows<Record<string, unknown>>(`UPDATE orders o SET ${sets.join(', ')} WHERE ${condition} RETURNING ${orderColumns}`, parameters);
    return updated ? toOrderRecord(updated) : null;
  }

  async setNeedsAttention(id: string, needsAttention: boolean): Promise<void> {
    await this.query(`UPDATE orders SET needs_attention = $2, updated_at = now() WHERE id = $1`, [id, needsAttention]);
  }

  async appendEvent(orderId: string, status: OrderStatus, actor: string, detail: Record<string, unknown> | null = null): Promise<void> {
    await this.query(`INSERT INTO order_events (order_id, status, actor, detail) VALUES ($1, $2, $3, $4)`, [orderId, status, actor, detail]);
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
    const rows = await this.query(
      `SELECT ${orderColumns}, ${cursorAtSql('o')} AS page_cursor_at FROM orders o ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY o.created_at DESC, o.id DESC LIMIT $${parameters.length}`,
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

/** Held by the courier, or with an open offer to them. */
const visibleToCourier = `(o.courier_id = ? OR EXISTS (SELECT 1 FROM offers f WHERE f.order_id = o.id AND f.courier_id = ? AND f.status = 'open'))`;
