import { Injectable } from '@nestjs/common';
import { Transactions } from '../transactions';

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; requestHash: string; status: number; body: string }
  | { kind: 'mismatch' };

/** How long a key protects against duplicates, as the contract promises. */
const RETENTION = `interval '24 hours'`;

/**
 * Idempotency keys, stored in the same transaction as what they protect. A concurrent
 * request with the same key blocks on the primary key until the first commits, then sees
 * its stored response: exactly one order however many requests race.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly transactions: Transactions) {}

  /**
   * One statement when the key is new (the usual case; intake folds this INSERT into its
   * first read, `OrdersRepository.intakeContext`, and calls `resolveConflict` when it found
   * the key taken).
   */
  async claim(credential: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    if (await this.insert(credential, key, requestHash)) return { kind: 'claimed' };
    return this.resolveConflict(credential, key, requestHash);
  }

  /**
   * The key exists: an expired one (older than the retention) is deleted and claimed afresh;
   * else its stored answer is replayed, or the request is a mismatch (another body, or the
   * first request has not stored its answer).
   */
  async resolveConflict(credential: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const [expired] = await this.transactions.rows(
      `DELETE FROM idempotency_keys WHERE credential = $1 AND key = $2 AND created_at < now() - ${RETENTION} RETURNING key`,
      [credential, key],
    );
    if (expired && (await this.insert(credential, key, requestHash))) return { kind: 'claimed' };
    const [existing] = await this.transactions.rows<{ request_hash: string; response_status: number | null; response_body: string }>(
      `SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE credential = $1 AND key = $2`,
      [credential, key],
    );
    if (!existing || existing.request_hash !== requestHash || existing.response_status === null) return { kind: 'mismatch' };
    return { kind: 'replay', requestHash: existing.request_hash, status: existing.response_status, body: existing.response_body };
  }

  private async insert(credential: string, key: string, requestHash: string): Promise<boolean> {
    const rows = await this.transactions.rows(
      `INSERT INTO idempotency_keys (credential, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [credential, key, requestHash],
    );
    return rows.length > 0;
  }

  /** Stores the response to replay; written with the COMMIT (one round trip less per order), so it commits with the order or not at all. */
  saveResponse(credential: string, key: string, status: number, body: string): void {
    this.transactions.writeWithCommit(`UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE credential = $1 AND key = $2`, [credential, key, status, body]);
  }
}
