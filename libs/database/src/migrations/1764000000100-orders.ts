import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.sql';

/**
 * Orders with their append-only history, idempotency keys, the transactional outbox and
 * webhooks. All are tenant tables under row-level security; the outbox relay, which serves
 * every cooperative, claims rows through SECURITY DEFINER functions instead of a loosened policy.
 */
export class Orders1764000000100 implements MigrationInterface {
  name = 'Orders1764000000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        merchant_id uuid NOT NULL,
        courier_id uuid,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'offered', 'assigned', 'picked_up', 'delivered', 'failed', 'cancelled')),
        needs_attention boolean NOT NULL DEFAULT false,
        pickup_address text NOT NULL,
        pickup_location geography(Point, 4326) NOT NULL,
        pickup_contact_name text,
        pickup_phone text,
        pickup_notes text,
        dropoff_address text NOT NULL,
        dropoff_location geography(Point, 4326) NOT NULL,
        dropoff_contact_name text,
        dropoff_phone text,
        dropoff_notes text,
        ready_at timestamptz NOT NULL,
        deliver_by timestamptz,
        parcel_size text NOT NULL CHECK (parcel_size IN ('S', 'M', 'L')),
        parcel_weight_kg numeric(6, 2),
        reference text,
        price_amount integer NOT NULL CHECK (price_amount >= 0),
        price_currency char(3) NOT NULL,
        distance_meters integer NOT NULL CHECK (distance_meters >= 0),
        tracking_token text NOT NULL UNIQUE,
        -- Shown to the customer on the tracking page; the courier enters it as proof of delivery.
        delivery_pin char(4) NOT NULL DEFAULT lpad((floor(random() * 10000))::int::text, 4, '0'),
        created_by text NOT NULL,
        proof jsonb,
        failure_reason text,
        cancel_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cooperative_id, id),
        FOREIGN KEY (cooperative_id, merchant_id) REFERENCES merchants (cooperative_id, id),
        FOREIGN KEY (cooperative_id, courier_id) REFERENCES couriers (cooperative_id, id),
        CHECK (deliver_by IS NULL OR deliver_by > ready_at),
        -- Exactly one holder while held, none while waiting; a closed order keeps who had it.
        CHECK (CASE WHEN status IN ('assigned', 'picked_up', 'delivered') THEN courier_id IS NOT NULL
                    WHEN status IN ('pending', 'offered') THEN courier_id IS NULL
                    ELSE true END)
      )`);
    await db.query(`CREATE INDEX orders_pickup_gist ON orders USING gist (pickup_location)`);
    await db.query(`CREATE INDEX orders_dropoff_gist ON orders USING gist (dropoff_location)`);
    await db.query(`CREATE INDEX orders_listing ON orders (cooperative_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX orders_by_merchant ON orders (merchant_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX orders_active_by_courier ON orders (courier_id) WHERE status IN ('assigned', 'picked_up')`);
    await db.query(`CREATE INDEX orders_waiting ON orders (cooperative_id, created_at) WHERE status IN ('pending', 'offered')`);

    await db.query(`
      CREATE TABLE order_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        cooperative_id uuid NOT NULL DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        order_id uuid NOT NULL,
        status text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL,
        detail jsonb,
        FOREIGN KEY (cooperative_id, order_id) REFERENCES orders (cooperative_id, id)
      )`);
    await db.query(`CREATE INDEX order_events_by_order ON order_events (order_id, id)`);

    // An offer of one order to one courier. The partial unique index is what guarantees that
    // an order never has two offers out at once, whichever worker tries.
    await db.query(`
      CREATE TABLE offers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        order_id uuid NOT NULL,
        courier_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined', 'expired', 'withdrawn')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        responded_at timestamptz,
        reason text,
        UNIQUE (cooperative_id, id),
        FOREIGN KEY (cooperative_id, order_id) REFERENCES orders (cooperative_id, id),
        FOREIGN KEY (cooperative_id, courier_id) REFERENCES couriers (cooperative_id, id)
      )`);
    await db.query(`CREATE UNIQUE INDEX offers_one_open_per_order ON offers (order_id) WHERE status = 'open'`);
    await db.query(`CREATE INDEX offers_by_order ON offers (order_id, created_at)`);
    await db.query(`CREATE INDEX offers_open_by_courier ON offers (courier_id) WHERE status = 'open'`);

    // Every dispatch decision with the candidates it weighed: the "why" a co-op member can read.
    await db.query(`
      CREATE TABLE dispatch_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        order_id uuid NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        policy text NOT NULL,
        outcome text NOT NULL,
        courier_id uuid,
        offer_id uuid,
        reason text NOT NULL,
        candidates jsonb NOT NULL,
        FOREIGN KEY (cooperative_id, order_id) REFERENCES orders (cooperative_id, id)
      )`);
    await db.query(`CREATE INDEX dispatch_decisions_by_order ON dispatch_decisions (order_id, decided_at)`);

    await db.query(`
      CREATE TABLE idempotency_keys (
        cooperative_id uuid NOT NULL DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        credential text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response_status integer,
        response_body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (credential, key)
      )`);
    await db.query(`CREATE INDEX idempotency_keys_expiry ON idempotency_keys (created_at)`);

    await db.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        topic text NOT NULL,
        payload jsonb NOT NULL,
        available_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await db.query(`CREATE INDEX outbox_unpublished ON outbox (available_at) WHERE published_at IS NULL`);
    // Wakes the relay as soon as an event commits, instead of waiting for its next poll.
    await db.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
    await db.query(`CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
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
    await db.query(`
      CREATE FUNCTION outbox_mark_published(p_ids uuid[]) RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY(p_ids)
      $$`);
    await db.query(`
      CREATE FUNCTION outbox_postpone(p_ids uuid[], p_error text) RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        UPDATE outbox SET attempts = attempts + 1, last_error = p_error,
          available_at = now() + least(interval '30 seconds', interval '250 milliseconds' * power(2, attempts))
        WHERE id = ANY(p_ids)
      $$`);
    await db.query(`
      CREATE FUNCTION tracking_find_order(p_token text)
      RETURNS TABLE (id uuid, cooperative_id uuid, status text, courier_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT o.id, o.cooperative_id, o.status, o.courier_id FROM orders o WHERE o.tracking_token = p_token
      $$`);

    // The dispatcher's periodic sweep: which cooperatives have work (waiting orders or offers
    // past their expiry). Runs without a tenant, so it is a narrow SECURITY DEFINER function.
    await db.query(`
      CREATE FUNCTION dispatch_due_cooperatives() RETURNS TABLE (cooperative_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT DISTINCT o.cooperative_id FROM orders o WHERE o.status = 'pending'
        UNION
        SELECT DISTINCT f.cooperative_id FROM offers f WHERE f.status = 'open' AND f.expires_at <= now()
      $$`);

    await db.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        merchant_id uuid,
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cooperative_id, id),
        FOREIGN KEY (cooperative_id, merchant_id) REFERENCES merchants (cooperative_id, id)
      )`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        subscription_id uuid NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_status_code integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (cooperative_id, id),
        UNIQUE (subscription_id, event_id),
        FOREIGN KEY (cooperative_id, subscription_id) REFERENCES webhook_subscriptions (cooperative_id, id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX webhook_deliveries_listing ON webhook_deliveries (subscription_id, created_at DESC, id DESC)`);
    await db.query(`
      CREATE TABLE webhook_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        cooperative_id uuid NOT NULL DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        delivery_id uuid NOT NULL,
        attempt integer NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        status_code integer,
        error text,
        duration_ms integer NOT NULL,
        FOREIGN KEY (cooperative_id, delivery_id) REFERENCES webhook_deliveries (cooperative_id, id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, attempt)`);

    for (const table of ['orders', 'order_events', 'offers', 'dispatch_decisions', 'idempotency_keys', 'outbox', 'webhook_subscriptions', 'webhook_deliveries', 'webhook_attempts']) {
      await db.query(enableTenantIsolation(table));
    }
    // History is append-only, for the application as for anyone reading the audit trail.
    await db.query(`REVOKE UPDATE, DELETE ON order_events, dispatch_decisions, webhook_attempts FROM dispatch_app`);
    await db.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO dispatch_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const fn of ['dispatch_due_cooperatives()', 'tracking_find_order(text)', 'outbox_postpone(uuid[], text)', 'outbox_mark_published(uuid[])', 'outbox_claim(integer)']) {
      await db.query(`DROP FUNCTION IF EXISTS ${fn}`);
    }
    for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhook_subscriptions', 'outbox', 'idempotency_keys', 'dispatch_decisions', 'offers', 'order_events', 'orders']) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await db.query(`DROP FUNCTION IF EXISTS outbox_notify()`);
  }
}
