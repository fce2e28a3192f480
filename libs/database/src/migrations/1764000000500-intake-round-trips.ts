import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An API key's `last_used_at` is written at most once a minute (issue 20). Before, every
 * request through a key updated its row: a write, a WAL flush and a row lock on the one row
 * that all of a merchant's concurrent requests share, for a figure shown to the minute.
 * The lookup itself is unchanged: the same rows, the same revocation check.
 */
export class IntakeRoundTrips1764000000500 implements MigrationInterface {
  name = 'IntakeRoundTrips1764000000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION auth_find_api_key(p_hash text)
      RETURNS TABLE (id uuid, cooperative_id uuid, merchant_id uuid, merchant_name text)
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        WITH found AS (
          SELECT k.id, k.cooperative_id, k.merchant_id, m.name, k.last_used_at
          FROM merchant_api_keys k JOIN merchants m ON m.id = k.merchant_id
          WHERE k.key_hash = p_hash AND k.revoked_at IS NULL
        ), touched AS (
          UPDATE merchant_api_keys k SET last_used_at = now()
          FROM found f
          WHERE k.id = f.id AND (f.last_used_at IS NULL OR f.last_used_at < now() - interval '1 minute')
            AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute')
        )
        SELECT f.id, f.cooperative_id, f.merchant_id, f.name FROM found f
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION auth_find_api_key(p_hash text)
      RETURNS TABLE (id uuid, cooperative_id uuid, merchant_id uuid, merchant_name text)
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        UPDATE merchant_api_keys k SET last_used_at = now()
        FROM merchants m
        WHERE k.key_hash = p_hash AND k.revoked_at IS NULL AND m.id = k.merchant_id
        RETURNING k.id, k.cooperative_id, k.merchant_id, m.name
      $$`);
  }
}
