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

  async claim(credential: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const manager = await this.transactions.manager();
    await manager.query(`DELETE FROM idempotency_keys WHERE credential = $1 AND key = $2 AND created_at < now() - ${RETENTION}`, [credential, key]);
    const inserted = await manager.query(
      `INSERT INTO idempotency_keys (credential, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [credential, key, requestHash],
    );
    if (inserted.length) return { kind: 'claimed' };
    const [existing] = await manager.query(
      `SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE credential = $1 AND key = $2`,
      [credential, key],
    );
    if (!existing || existing.request_hash !== requestHash || existing.response_status === null) return { kind: 'mismatch' };
    return { kind: 'replay', requestHash: existing.request_hash, status: existing.response_status, body: existing.response_body };
  }

  async saveResponse(credential: string, key: string, status: number, body: string): Promise<void> {
    await (await this.transactions.manager()).query(
      `UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE credential = $1 AND key = $2`,
      [credential, key, status, body],
    );
  }
}
