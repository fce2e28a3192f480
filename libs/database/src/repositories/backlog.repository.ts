import { Injectable } from '@nestjs/common';
import { Transactions } from '../transactions';

export interface OpenOrderCount {
  cooperativeId: string;
  status: string;
  needsAttention: boolean;
  orders: number;
}

export interface OutboxBacklog {
  unpublished: number;
  /** Age of the oldest unpublished event; 0 when there is none. */
  oldestAgeSeconds: number;
}

/**
 * The deployment's backlog for the metrics: open orders and unrelayed outbox events of every
 * cooperative, through narrow SECURITY DEFINER functions that return counts only.
 */
@Injectable()
export class BacklogRepository {
  constructor(private readonly transactions: Transactions) {}

  async openOrders(): Promise<OpenOrderCount[]> {
    const rows = await this.transactions.crossTenant<{ cooperative_id: string; status: string; needs_attention: boolean; orders: string }>(
      `SELECT cooperative_id, status, needs_attention, orders FROM metrics_open_orders()`,
    );
    return rows.map((row) => ({ cooperativeId: row.cooperative_id, status: row.status, needsAttention: row.needs_attention, orders: Number(row.orders) }));
  }

  async outbox(): Promise<OutboxBacklog> {
    const [row] = await this.transactions.crossTenant<{ unpublished: string; oldest_age_seconds: number }>(`SELECT unpublished, oldest_age_seconds FROM metrics_outbox_backlog()`);
    return { unpublished: Number(row?.unpublished ?? 0), oldestAgeSeconds: Number(row?.oldest_age_seconds ?? 0) };
  }
}
