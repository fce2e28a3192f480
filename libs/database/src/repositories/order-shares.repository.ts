import { Injectable } from '@nestjs/common';
import { Transactions } from '../transactions';

/** A partner that may take one order now: an active partnership covering both stops, under its cap. */
export interface OverflowCandidateRow {
  orderId: string;
  partnershipId: string;
  carrierCooperativeId: string;
  carrierTimezone: string;
}

export type ShareOutcome = 'shared' | 'cap_reached' | 'not_active' | 'order_moved_on';

export interface StatementRow {
  orderId: string;
  ownerCooperativeId: string;
  carrierCooperativeId: string;
  deliveredAt: Date;
  priceAmount: number;
  partnerShareAmount: number;
  currency: string;
}

/**
 * The share record: an order of the current co-op handed to a partner co-op (its overflow).
 * What the carrier may see of the order follows from an active row here (row-level security).
 */
@Injectable()
export class OrderSharesRepository {
  constructor(private readonly transactions: Transactions) {}

  /**
   * For orders of the current co-op, the partners that could carry each: an active
   * partnership whose area covers the pickup and the dropoff, a partner dispatching
   * automatically (a partner in manual mode would never decide), that did not already give
   * this order back, and under its daily cap (a first look; `share` checks it race-free).
   */
  candidates(orderIds: string[]): Promise<OverflowCandidateRow[]> {
    if (!orderIds.length) return Promise.resolve([]);
    return this.transactions.rows<OverflowCandidateRow>(
      `SELECT o.id AS "orderId", p.id AS "partnershipId", c.id AS "carrierCooperativeId", c.timezone AS "carrierTimezone"
       FROM orders o
       JOIN partnerships p ON p.status = 'active' AND o.cooperative_id IN (p.proposer_cooperative_id, p.partner_cooperative_id)
         AND ST_Covers(p.area, o.pickup_location) AND ST_Covers(p.area, o.dropoff_location)
       JOIN cooperatives c ON c.id = CASE WHEN p.proposer_cooperative_id = o.cooperative_id THEN p.partner_cooperative_id ELSE p.proposer_cooperative_id END
       WHERE o.id = ANY($1::uuid[]) AND o.cooperative_id = app_current_cooperative() AND o.carrier_cooperative_id IS NULL AND o.status = 'pending'
         AND coalesce(c.settings->>'dispatchMode', 'auto') = 'auto'
         AND NOT EXISTS (SELECT 1 FROM order_shares s WHERE s.order_id = o.id AND s.carrier_cooperative_id = c.id)
         AND p.max_orders_per_day > (SELECT count(*) FROM order_shares s
           WHERE s.partnership_id = p.id AND s.carrier_cooperative_id = c.id AND s.status = 'active'
             AND s.created_at >= date_trunc('day', now() AT TIME ZONE c.timezone) AT TIME ZONE c.timezone)
       ORDER BY o.created_at, p.created_at`,
      [orderIds],
    );
  }

  /**
   * Hands a pending order of the current co-op to the partner, if the partnership is still
   * active and under its cap for the carrier's local day. The partnership row is locked
   * first, so concurrent shares through it are counted one after the other (never past the
   * cap) and a revocation that commits first is seen.
   */
  async share(orderId: string, partnershipId: string, carrierCooperativeId: string, carrierTimezone: string): Promise<ShareOutcome> {
    // Two statements on purpose: a statement that waited for the lock still reads with the
    // snapshot it started with, so a count in the locking statement would miss the shares
    // committed meanwhile. The count after the lock sees them all.
    const [locked] = await this.transactions.rows<{ active: boolean }>(`SELECT p.status = 'active' AS active FROM partnerships p WHERE p.id = $1 FOR UPDATE OF p`, [partnershipId]);
    if (!locked?.active) return 'not_active';
    const [cap] = await this.transactions.rows<{ underCap: boolean }>(
      `SELECT p.max_orders_per_day > (SELECT count(*) FROM order_shares s
           WHERE s.partnership_id = p.id AND s.carrier_cooperative_id = $2 AND s.status = 'active'
             AND s.created_at >= date_trunc('day', now() AT TIME ZONE $3) AT TIME ZONE $3) AS "underCap"
       FROM partnerships p WHERE p.id = $1`,
      [partnershipId, carrierCooperativeId, carrierTimezone],
    );
    if (!cap.underCap) return 'cap_reached';
    const [moved] = await this.transactions.rows<{ id: string }>(
      `UPDATE orders SET carrier_cooperative_id = $2, needs_attention = false, updated_at = now()
       WHERE id = $1 AND status = 'pending' AND carrier_cooperative_id IS NULL RETURNING id`,
      [orderId, carrierCooperativeId],
    );
    if (!moved) return 'order_moved_on';
    await this.transactions.rows(
      `INSERT INTO order_shares (order_id, owner_cooperative_id, carrier_cooperative_id, partnership_id, share_of_price)
       SELECT $1, app_current_cooperative(), $2, p.id, p.share_of_price FROM partnerships p WHERE p.id = $3`,
      [orderId, carrierCooperativeId, partnershipId],
    );
    return 'shared';
  }

  /** Which of these orders the current co-op carries for a partner (not yet held by a courier), with their owner. */
  carriedForPartners(orderIds: string[]): Promise<{ orderId: string; ownerCooperativeId: string }[]> {
    if (!orderIds.length) return Promise.resolve([]);
    return this.transactions.rows(
      `SELECT o.id AS "orderId", o.cooperative_id AS "ownerCooperativeId" FROM orders o
       WHERE o.id = ANY($1::uuid[]) AND o.carrier_cooperative_id = app_current_cooperative() AND o.courier_id IS NULL`,
      [orderIds],
    );
  }

  /** The carrier (the current co-op) gives back orders it cannot serve; returns those it gave back. */
  async giveBack(orders: { orderId: string; reason: string }[]): Promise<string[]> {
    if (!orders.length) return [];
    const rows = await this.transactions.rows<{ orderId: string }>(
      `SELECT t.id AS "orderId" FROM unnest($1::uuid[], $2::text[]) AS t(id, reason) WHERE order_share_withdraw(t.id, t.reason)`,
      [orders.map((order) => order.orderId), orders.map((order) => order.reason)],
    );
    return rows.map((row) => row.orderId);
  }

  /** Delivered shared orders of a partnership in [from, to), both directions, oldest first. */
  statement(partnershipId: string, from: Date, to: Date): Promise<StatementRow[]> {
    return this.transactions.rows<StatementRow>(
      `SELECT s.order_id AS "orderId", s.owner_cooperative_id AS "ownerCooperativeId", s.carrier_cooperative_id AS "carrierCooperativeId",
         s.delivered_at AS "deliveredAt", s.price_amount AS "priceAmount", s.partner_share_amount AS "partnerShareAmount", trim(s.currency) AS currency
       FROM order_shares s
       WHERE s.partnership_id = $1 AND s.delivered_at >= $2 AND s.delivered_at < $3
       ORDER BY s.delivered_at, s.order_id`,
      [partnershipId, from, to],
    );
  }
}
