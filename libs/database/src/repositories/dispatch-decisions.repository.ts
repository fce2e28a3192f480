import { Injectable } from '@nestjs/common';
import { Transactions } from '../transactions';

export interface DispatchCandidateLog {
  courierId: string;
  score: number;
  terms: Record<string, number>;
}

export interface DispatchDecisionRecord {
  id: string;
  orderId: string;
  decidedAt: Date;
  policy: string;
  /** `offered`, `assigned` (by a dispatcher), `deferred`, `no_candidate`, `needs_attention`, `expired`, `declined`, `withdrawn`. */
  outcome: string;
  courierId: string | null;
  offerId: string | null;
  reason: string;
  candidates: DispatchCandidateLog[];
}

type NewDecision = Omit<DispatchDecisionRecord, 'id' | 'decidedAt'>;

const columns = `id, order_id AS "orderId", decided_at AS "decidedAt", policy, outcome, courier_id AS "courierId",
  offer_id AS "offerId", reason, candidates`;

/** The dispatch log: every decision about an order, with the candidates it weighed. Append-only. */
@Injectable()
export class DispatchDecisionsRepository {
  constructor(private readonly transactions: Transactions) {}

  record(decision: NewDecision): Promise<void> {
    return this.recordMany([decision]);
  }

  /** Many log lines in one statement (one decision's offers and waits). */
  async recordMany(decisions: NewDecision[]): Promise<void> {
    if (!decisions.length) return;
    await (await this.transactions.manager()).query(
      `INSERT INTO dispatch_decisions (order_id, policy, outcome, courier_id, offer_id, reason, candidates)
       SELECT d.order_id, d.policy, d.outcome, d.courier_id, d.offer_id, d.reason, d.candidates
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (order_id uuid, policy text, outcome text, courier_id uuid, offer_id uuid, reason text, candidates jsonb))
         WITH ORDINALITY AS d(order_id, policy, outcome, courier_id, offer_id, reason, candidates, n)
       ORDER BY d.n`,
      [
        JSON.stringify(
          decisions.map((decision) => ({
            order_id: decision.orderId,
            policy: decision.policy,
            outcome: decision.outcome,
            courier_id: decision.courierId,
            offer_id: decision.offerId,
            reason: decision.reason,
            candidates: decision.candidates,
          })),
        ),
      ],
    );
  }

  /** Latest outcome and reason per order, to avoid logging the same deferral every tick. */
  async latest(orderIds: string[]): Promise<Map<string, { outcome: string; reason: string }>> {
    if (!orderIds.length) return new Map();
    const rows: { orderId: string; outcome: string; reason: string }[] = await (await this.transactions.manager()).query(
      `SELECT DISTINCT ON (order_id) order_id AS "orderId", outcome, reason FROM dispatch_decisions
       WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, decided_at DESC`,
      [orderIds],
    );
    return new Map(rows.map((row) => [row.orderId, { outcome: row.outcome, reason: row.reason }]));
  }

  async ofOrder(orderId: string): Promise<DispatchDecisionRecord[]> {
    return (await this.transactions.manager()).query(`SELECT ${columns} FROM dispatch_decisions WHERE order_id = $1 ORDER BY decided_at`, [orderId]);
  }
}
