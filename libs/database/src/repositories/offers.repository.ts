import { Injectable } from '@nestjs/common';
import { Transactions } from '../transactions';

export type OfferStatus = 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

export interface OfferRecord {
  id: string;
  orderId: string;
  courierId: string;
  status: OfferStatus;
  createdAt: Date;
  expiresAt: Date;
  respondedAt: Date | null;
  reason: string | null;
}

const columns = `id, order_id AS "orderId", courier_id AS "courierId", status, created_at AS "createdAt",
  expires_at AS "expiresAt", responded_at AS "respondedAt", reason`;

/**
 * Offers of orders to couriers. The partial unique index `offers_one_open_per_order` makes a
 * second open offer for one order impossible; every answer is a conditional update. Written
 * only by `libs/dispatch` (`OfferLifecycle`, `OfferWithdrawal`), which announces each change.
 */
@Injectable()
export class OffersRepository {
  constructor(private readonly transactions: Transactions) {}

  private query<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return this.transactions.rows<T>(sql, parameters);
  }

  /**
   * Opens one offer per (order, courier) pair in one statement, for orders still pending and
   * without an open offer; the others are skipped (the caller's transition then decides).
   */
  open(proposals: { orderId: string; courierId: string }[], timeoutSeconds: number): Promise<OfferRecord[]> {
    if (!proposals.length) return Promise.resolve([]);
    return this.query<OfferRecord>(
      `INSERT INTO offers (order_id, courier_id, expires_at)
       SELECT p.order_id, p.courier_id, now() + $3 * interval '1 second'
       FROM unnest($1::uuid[], $2::uuid[]) AS p(order_id, courier_id) JOIN orders o ON o.id = p.order_id AND o.status = 'pending'
       ON CONFLICT (order_id) WHERE status = 'open' DO NOTHING RETURNING ${columns}`,
      [proposals.map((proposal) => proposal.orderId), proposals.map((proposal) => proposal.courierId), timeoutSeconds],
    );
  }

  /**
   * Locks the order an offer is for. Every path that touches an offer and its order (accept,
   * decline, expiry, a dispatcher's assignment) takes the order's row first, so two of them
   * never wait on each other in opposite orders (a deadlock).
   */
  async lockOrderOf(offerId: string): Promise<void> {
    await this.query(`SELECT o.id FROM orders o JOIN offers f ON f.order_id = o.id WHERE f.id = $1 FOR UPDATE OF o`, [offerId]);
  }

  async findById(id: string): Promise<OfferRecord | null> {
    const [row] = await this.query<OfferRecord>(`SELECT ${columns} FROM offers WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Closes an open offer made to `courierId` (accept/decline), if it is still open and unexpired. */
  async answer(id: string, courierId: string, status: 'accepted' | 'declined', reason: string | null): Promise<OfferRecord | null> {
    const [row] = await this.query<OfferRecord>(
      `UPDATE offers SET status = $3, responded_at = now(), reason = $4
       WHERE id = $1 AND courier_id = $2 AND status = 'open' AND expires_at > now() RETURNING ${columns}`,
      [id, courierId, status, reason],
    );
    return row ?? null;
  }

  /** Closes an open offer because it ran out (by id), or every open offer of an order (withdrawn). */
  async expire(id: string): Promise<OfferRecord | null> {
    const [row] = await this.query<OfferRecord>(
      `UPDATE offers SET status = 'expired', responded_at = now() WHERE id = $1 AND status = 'open' RETURNING ${columns}`,
      [id],
    );
    return row ?? null;
  }

  withdrawOpen(orderId: string, reason: string): Promise<OfferRecord[]> {
    return this.query<OfferRecord>(
      `UPDATE offers SET status = 'withdrawn', responded_at = now(), reason = $2 WHERE order_id = $1 AND status = 'open' RETURNING ${columns}`,
      [orderId, reason],
    );
  }

  /** Open offers whose time is up (the sweep that does not rely on delayed jobs surviving in Redis). */
  overdue(): Promise<OfferRecord[]> {
    return this.query<OfferRecord>(`SELECT ${columns} FROM offers WHERE status = 'open' AND expires_at <= now()`, []);
  }

  ofOrder(orderId: string): Promise<OfferRecord[]> {
    return this.query<OfferRecord>(`SELECT ${columns} FROM offers WHERE order_id = $1 ORDER BY created_at`, [orderId]);
  }
}
