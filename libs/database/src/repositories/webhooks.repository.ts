import { Injectable } from '@nestjs/common';
import { Transactions } from '../transactions';
import { afterCursorSql, cursorAtSql, decodeCursor, Page, PageRequest, toPage } from './page';

export interface WebhookSubscription {
  id: string;
  cooperativeId: string;
  merchantId: string | null;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
}

export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export interface WebhookAttempt {
  attempt: number;
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const subscriptionColumns = `id, cooperative_id AS "cooperativeId", merchant_id AS "merchantId", url, events, active, created_at AS "createdAt"`;
const deliveryColumns = `id, subscription_id AS "subscriptionId", event_id AS "eventId", event_type AS "eventType", status, attempts,
  last_status_code AS "lastStatusCode", last_error AS "lastError", created_at AS "createdAt", delivered_at AS "deliveredAt"`;

/** Webhook subscriptions, their deliveries and every attempt, for the current cooperative. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly transactions: Transactions) {}

  private async query<T = Record<string, unknown>[]>(sql: string, parameters: unknown[] = []): Promise<T> {
    return (await this.transactions.manager()).query(sql, parameters);
  }

  async subscribe(values: { merchantId: string | null; url: string; events: string[]; secret: string; createdBy: string }): Promise<WebhookSubscription> {
    const [row] = await this.query<WebhookSubscription[]>(
      `INSERT INTO webhook_subscriptions (merchant_id, url, events, secret, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${subscriptionColumns}`,
      [values.merchantId, values.url, values.events, values.secret, values.createdBy],
    );
    return row;
  }

  async findSubscription(id: string): Promise<WebhookSubscription | null> {
    const [row] = await this.query<WebhookSubscription[]>(`SELECT ${subscriptionColumns} FROM webhook_subscriptions WHERE id = $1`, [id]);
    return row ?? null;
  }

  listSubscriptions(merchantId?: string): Promise<WebhookSubscription[]> {
    return merchantId
      ? this.query(`SELECT ${subscriptionColumns} FROM webhook_subscriptions WHERE merchant_id = $1 ORDER BY created_at DESC`, [merchantId])
      : this.query(`SELECT ${subscriptionColumns} FROM webhook_subscriptions ORDER BY created_at DESC`);
  }

  async deactivate(id: string): Promise<boolean> {
    const rows = await this.transactions.rows(`UPDATE webhook_subscriptions SET active = false, updated_at = now() WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }

  /** Active subscriptions that want `eventType` for an order of `merchantId` (co-op wide ones included). */
  matching(eventType: string, merchantId: string): Promise<{ id: string }[]> {
    return this.query(
      `SELECT id FROM webhook_subscriptions WHERE active AND $1 = ANY(events) AND (merchant_id IS NULL OR merchant_id = $2)`,
      [eventType, merchantId],
    );
  }

  async addDelivery(subscriptionId: string, eventId: string, eventType: string, body: string): Promise<string> {
    const [row] = await this.query<{ id: string }[]>(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, body) VALUES ($1, $2, $3, $4) RETURNING id`,
      [subscriptionId, eventId, eventType, body],
    );
    return row.id;
  }

  /** What a delivery attempt needs: the exact body, the target and the secret. */
  async deliveryTarget(deliveryId: string): Promise<{ body: string; url: string; secret: string; status: string; attempts: number; active: boolean } | null> {
    const [row] = await this.query<{ body: string; url: string; secret: string; status: string; attempts: number; active: boolean }[]>(
      `SELECT d.body, s.url, s.secret, d.status, d.attempts, s.active FROM webhook_deliveries d
       JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.id = $1`,
      [deliveryId],
    );
    return row ?? null;
  }

  async recordAttempt(deliveryId: string, attempt: WebhookAttempt, outcome: 'pending' | 'succeeded' | 'failed'): Promise<void> {
    await this.query(
      `INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)`,
      [deliveryId, attempt.attempt, attempt.at, attempt.statusCode, attempt.error, attempt.durationMs],
    );
    await this.query(
      `UPDATE webhook_deliveries SET status = $2, attempts = $3, last_status_code = $4, last_error = $5,
         delivered_at = CASE WHEN $2 = 'succeeded' THEN now() ELSE delivered_at END
       WHERE id = $1`,
      [deliveryId, outcome, attempt.attempt, attempt.statusCode, attempt.error],
    );
  }

  async listDeliveries(subscriptionId: string, page: PageRequest): Promise<Page<WebhookDelivery & { attemptLog: WebhookAttempt[] }>> {
    const position = page.cursor ? decodeCursor(page.cursor) : null;
    const rows = await this.query<(WebhookDelivery & { pageCursorAt: string })[]>(
      `SELECT ${deliveryColumns}, ${cursorAtSql('d')} AS "pageCursorAt" FROM webhook_deliveries d WHERE subscription_id = $1
         AND ($2::timestamptz IS NULL OR ${afterCursorSql('d', '$2', '$3')})
       ORDER BY d.created_at DESC, d.id DESC LIMIT $4`,
      [subscriptionId, position?.createdAt ?? null, position?.id ?? null, page.limit + 1],
    );
    const { items: withCursor, nextCursor } = toPage(rows, page.limit, (row) => row.pageCursorAt);
    const items = withCursor.map(({ pageCursorAt: _, ...item }) => item);
    const attempts = await this.query<(WebhookAttempt & { deliveryId: string })[]>(
      `SELECT delivery_id AS "deliveryId", attempt, at, status_code AS "statusCode", error, duration_ms AS "durationMs"
       FROM webhook_attempts WHERE delivery_id = ANY($1::uuid[]) ORDER BY attempt`,
      [items.map((item) => item.id)],
    );
    return {
      items: items.map((item) => ({ ...item, attemptLog: attempts.filter((attempt) => attempt.deliveryId === item.id).map(({ deliveryId: _, ...rest }) => rest) })),
      nextCursor,
    };
  }
}
