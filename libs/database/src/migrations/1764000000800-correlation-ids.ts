import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Observability (issue 22): the correlation id of the request (or job) that wrote an outbox
 * event travels with it to its job, so one order can be followed from its HTTP request to its
 * decision and webhook deliveries. The column takes the transaction's `app.correlation_id`
 * (set with the tenant when a transaction opens), so no INSERT names it.
 *
 * Also the two cross-tenant counts the dispatcher's /metrics reads on scrape: open orders per
 * co-op and status (the partial indexes on waiting and held orders serve it), and the outbox
 * backlog (the partial index on unpublished events serves it).
 */
export class CorrelationIds1764000000800 implements MigrationInterface {
  name = 'CorrelationIds1764000000800';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbox ADD COLUMN correlation_id text DEFAULT nullif(current_setting('app.correlation_id', true), '')`);
    // The claim now returns the column too (a changed result type needs a new function).
    await db.query(`DROP FUNCTION outbox_claim(integer)`);
    await db.query(`
      CREATE FUNCTION outbox_claim(p_limit integer)
      RETURNS TABLE (id uuid, cooperative_id uuid, topic text, payload jsonb, correlation_id text)
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        SELECT o.id, o.cooperative_id, o.topic, o.payload, o.correlation_id FROM outbox o
        WHERE o.published_at IS NULL AND o.available_at <= now()
        ORDER BY o.available_at
        LIMIT p_limit
        FOR UPDATE SKIP LOCKED
      $$`);
    await db.query(`
      CREATE FUNCTION metrics_open_orders()
      RETURNS TABLE (cooperative_id uuid, status text, needs_attention boolean, orders bigint)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT o.cooperative_id, o.status, o.needs_attention, count(*) FROM orders o
        WHERE o.status IN ('pending', 'offered', 'assigned', 'picked_up')
        GROUP BY o.cooperative_id, o.status, o.needs_attention
      $$`);
    await db.query(`
      CREATE FUNCTION metrics_outbox_backlog() RETURNS TABLE (unpublished bigint, oldest_age_seconds double precision)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT count(*), coalesce(extract(epoch FROM now() - min(o.created_at)), 0)::double precision
        FROM outbox o WHERE o.published_at IS NULL
      $$`);
    await db.query(`GRANT EXECUTE ON FUNCTION outbox_claim(integer), metrics_open_orders(), metrics_outbox_backlog() TO dispatch_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS metrics_outbox_backlog()`);
    await db.query(`DROP FUNCTION IF EXISTS metrics_open_orders()`);
    await db.query(`DROP FUNCTION outbox_claim(integer)`);
    await db.query(`
      CREATE FUNCTION outbox_claim(p_limit integer)
      RETURNS TABLE (id uuid, cooperative_id uuid, topic text, payload jsonb)
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        SELECT o.id, o.cooperative_id, o.topic, o.payload FROM outbox o
        WHERE o.published_at IS NULL AND o.available_at <= now()
        ORDER BY o.available_at
        LIMIT p_limit
        FOR UPDATE SKIP LOCKED
      $$`);
    await db.query(`GRANT EXECUTE ON FUNCTION outbox_claim(integer) TO dispatch_app`);
    await db.query(`ALTER TABLE outbox DROP COLUMN correlation_id`);
  }
}
