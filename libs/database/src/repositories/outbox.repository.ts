import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OutboxPayload, OutboxTopic } from '@lib/queues';
import { Transactions } from '../transactions';

/** An event as stored: its topic may predate this version, so it is routed (or refused) by the job registry. */
export interface OutboxEvent {
  id: string;
  cooperativeId: string;
  topic: string;
  payload: Record<string, unknown>;
  /** The request's (or job's) that wrote it; its job carries it on. */
  correlationId: string | null;
}

/**
 * The transactional outbox: events are written in the transaction of the change they
 * announce, and a relay publishes them to the queues afterwards, so a change is never
 * committed without its follow-up work, nor announced without being committed.
 */
@Injectable()
export class OutboxRepository {
  constructor(
    private readonly transactions: Transactions,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Adds an event to the current tenant transaction; returns its id (used as the job id). The
   * topic and its payload are the job registry's (`outboxTopics` in `@lib/queues`).
   */
  async add<T extends OutboxTopic>(topic: T, payload: OutboxPayload<T>, delayMs = 0): Promise<string> {
    const [row] = await (await this.transactions.manager()).query(
      `INSERT INTO outbox (topic, payload, available_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond') RETURNING id`,
      [topic, payload, delayMs],
    );
    return row.id;
  }

  /** Adds one event per payload in one statement (a decision's offer expiries). */
  async addMany<T extends OutboxTopic>(topic: T, payloads: OutboxPayload<T>[]): Promise<void> {
    if (!payloads.length) return;
    await (await this.transactions.manager()).query(
      `INSERT INTO outbox (topic, payload) SELECT $1, p.payload FROM ROWS FROM (jsonb_array_elements($2::jsonb)) WITH ORDINALITY AS p(payload, n) ORDER BY p.n`,
      [topic, JSON.stringify(payloads)],
    );
  }

  /**
   * Claims due events across all cooperatives (SKIP LOCKED: several relays share the work),
   * lets `publish` try them, and marks each published or postponed, in one transaction.
   */
  async relayBatch(limit: number, publish: (events: OutboxEvent[]) => Promise<{ published: string[]; failed: string[]; error?: string }>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; cooperative_id: string; topic: string; payload: Record<string, unknown>; correlation_id: string | null }[] = await manager.query(
        `SELECT id, cooperative_id, topic, payload, correlation_id FROM outbox_claim($1)`,
        [limit],
      );
      if (!rows.length) return 0;
      const outcome = await publish(rows.map((row) => ({ id: row.id, cooperativeId: row.cooperative_id, topic: row.topic, payload: row.payload, correlationId: row.correlation_id })));
      if (outcome.published.length) await manager.query(`SELECT outbox_mark_published($1::uuid[])`, [outcome.published]);
      if (outcome.failed.length) await manager.query(`SELECT outbox_postpone($1::uuid[], $2)`, [outcome.failed, outcome.error ?? 'publish failed']);
      return outcome.published.length;
    });
  }
}
