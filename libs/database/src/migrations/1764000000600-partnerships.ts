import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner co-ops (issue 21): partnerships by consent, their log, and the share record that
 * hands one order of co-op A (the owner) to co-op B (the carrier).
 *
 * Isolation is not loosened anywhere: each table an order's carrier must read or write gets
 * one more permissive policy whose condition goes through `order_shares` (an active share of
 * that order to the current co-op), next to the unchanged tenant policy. Everything else of
 * the owner stays invisible to the carrier, and the owner sees the carrier's courier only
 * through the order it holds.
 *
 * The rows a carrier writes about a shared order (its history, offers, dispatch decisions)
 * stay the owner's rows (`cooperative_id` = A, as their foreign keys to the order require):
 * a trigger takes the cooperative from the order, which the writer can only see when it is
 * its own or shared with it. Offers and orders name their courier's co-op separately
 * (`courier_cooperative_id`), so a courier of B can hold an order of A with a checked
 * foreign key.
 */
export class Partnerships1764000000600 implements MigrationInterface {
  name = 'Partnerships1764000000600';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE partnerships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposer_cooperative_id uuid NOT NULL REFERENCES cooperatives (id),
        partner_cooperative_id uuid NOT NULL REFERENCES cooperatives (id),
        status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'active', 'declined', 'revoked')),
        area geography(MultiPolygon, 4326) NOT NULL,
        share_of_price numeric NOT NULL CHECK (share_of_price >= 0 AND share_of_price <= 1),
        max_orders_per_day integer NOT NULL CHECK (max_orders_per_day >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (proposer_cooperative_id <> partner_cooperative_id)
      )`);
    // One live agreement per pair of co-ops at a time (either direction).
    await db.query(`
      CREATE UNIQUE INDEX partnerships_one_live_per_pair ON partnerships
        (least(proposer_cooperative_id, partner_cooperative_id), greatest(proposer_cooperative_id, partner_cooperative_id))
        WHERE status IN ('proposed', 'active')`);
    await db.query(`CREATE INDEX partnerships_area_gist ON partnerships USING gist (area) WHERE status = 'active'`);
    await db.query(`ALTER TABLE partnerships ENABLE ROW LEVEL SECURITY`);
    await db.query(`
      CREATE POLICY partnerships_parties ON partnerships
        USING (app_current_cooperative() IN (proposer_cooperative_id, partner_cooperative_id))
        WITH CHECK (app_current_cooperative() IN (proposer_cooperative_id, partner_cooperative_id))`);

    // Every proposal and answer, readable by both parties (through the partnership's own policy).
    await db.query(`
      CREATE TABLE partnership_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        partnership_id uuid NOT NULL REFERENCES partnerships (id),
        cooperative_id uuid NOT NULL DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        action text NOT NULL CHECK (action IN ('proposed', 'accepted', 'declined', 'revoked')),
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        detail jsonb
      )`);
    await db.query(`CREATE INDEX partnership_events_by_partnership ON partnership_events (partnership_id, id)`);
    await db.query(`ALTER TABLE partnership_events ENABLE ROW LEVEL SECURITY`);
    await db.query(`
      CREATE POLICY partnership_events_parties ON partnership_events
        USING (partnership_id IN (SELECT p.id FROM partnerships p))
        WITH CHECK (cooperative_id = app_current_cooperative() AND partnership_id IN (SELECT p.id FROM partnerships p))`);
    await db.query(`REVOKE UPDATE, DELETE ON partnership_events FROM dispatch_app`);

    await db.query(`
      CREATE TABLE order_shares (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL,
        owner_cooperative_id uuid NOT NULL REFERENCES cooperatives (id),
        carrier_cooperative_id uuid NOT NULL REFERENCES cooperatives (id),
        partnership_id uuid NOT NULL REFERENCES partnerships (id),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
        share_of_price numeric NOT NULL CHECK (share_of_price >= 0 AND share_of_price <= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        withdraw_reason text,
        -- Accounting, written when the carrier delivers (trigger below): integer minor units.
        delivered_at timestamptz,
        price_amount integer,
        partner_share_amount integer,
        currency char(3),
        FOREIGN KEY (owner_cooperative_id, order_id) REFERENCES orders (cooperative_id, id),
        CHECK (owner_cooperative_id <> carrier_cooperative_id)
      )`);
    await db.query(`CREATE UNIQUE INDEX order_shares_one_active ON order_shares (order_id) WHERE status = 'active'`);
    await db.query(`CREATE INDEX order_shares_by_carrier ON order_shares (carrier_cooperative_id, order_id) WHERE status = 'active'`);
    await db.query(`CREATE INDEX order_shares_cap ON order_shares (partnership_id, carrier_cooperative_id, created_at)`);
    await db.query(`CREATE INDEX order_shares_statement ON order_shares (partnership_id, delivered_at) WHERE delivered_at IS NOT NULL`);
    await db.query(`ALTER TABLE order_shares ENABLE ROW LEVEL SECURITY`);
    await db.query(`
      CREATE POLICY order_shares_parties ON order_shares
        USING (app_current_cooperative() IN (owner_cooperative_id, carrier_cooperative_id))
        WITH CHECK (app_current_cooperative() IN (owner_cooperative_id, carrier_cooperative_id))`);
    await db.query(`REVOKE DELETE ON order_shares FROM dispatch_app`);

    // Orders: who carries it (null: its own co-op) and whose courier holds it.
    await db.query(`ALTER TABLE orders ADD COLUMN carrier_cooperative_id uuid REFERENCES cooperatives (id)`);
    await db.query(`ALTER TABLE orders ADD COLUMN courier_cooperative_id uuid`);
    await db.query(`UPDATE orders SET courier_cooperative_id = cooperative_id WHERE courier_id IS NOT NULL`);
    await db.query(`ALTER TABLE orders DROP CONSTRAINT orders_cooperative_id_courier_id_fkey`);
    await db.query(`
      ALTER TABLE orders
        ADD CONSTRAINT orders_courier_fkey FOREIGN KEY (courier_cooperative_id, courier_id) REFERENCES couriers (cooperative_id, id),
        ADD CONSTRAINT orders_carrier_not_owner CHECK (carrier_cooperative_id <> cooperative_id),
        ADD CONSTRAINT orders_courier_of_owner_or_carrier CHECK (
          (courier_id IS NULL) = (courier_cooperative_id IS NULL)
          AND (courier_cooperative_id IS NULL OR courier_cooperative_id = cooperative_id OR courier_cooperative_id = carrier_cooperative_id))`);
    await db.query(`CREATE INDEX orders_carried ON orders (carrier_cooperative_id, created_at) WHERE carrier_cooperative_id IS NOT NULL`);

    // Offers: the courier's co-op (the deciding one) next to the order's.
    await db.query(`ALTER TABLE offers ADD COLUMN courier_cooperative_id uuid`);
    await db.query(`UPDATE offers SET courier_cooperative_id = cooperative_id`);
    await db.query(`ALTER TABLE offers ALTER COLUMN courier_cooperative_id SET NOT NULL`);
    await db.query(`ALTER TABLE offers DROP CONSTRAINT offers_cooperative_id_courier_id_fkey`);
    await db.query(`ALTER TABLE offers ADD CONSTRAINT offers_courier_fkey FOREIGN KEY (courier_cooperative_id, courier_id) REFERENCES couriers (cooperative_id, id)`);

    // A row about an order belongs to the order's co-op, whoever writes it (the carrier may).
    await db.query(`
      CREATE FUNCTION take_cooperative_of_order() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE owner uuid;
      BEGIN
        SELECT o.cooperative_id INTO owner FROM orders o WHERE o.id = NEW.order_id;
        IF owner IS NOT NULL THEN NEW.cooperative_id := owner; END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['order_events', 'offers', 'dispatch_decisions']) {
      await db.query(`CREATE TRIGGER ${table}_cooperative_of_order BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION take_cooperative_of_order()`);
    }
    // The courier's co-op, read under the writer's row-level security (a courier it cannot
    // see leaves it null, which NOT NULL refuses).
    await db.query(`
      CREATE FUNCTION offers_courier_cooperative() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT c.cooperative_id INTO NEW.courier_cooperative_id FROM couriers c WHERE c.id = NEW.courier_id;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER offers_courier_cooperative BEFORE INSERT ON offers FOR EACH ROW EXECUTE FUNCTION offers_courier_cooperative()`);

    // The holder's co-op, read under the writer's row-level security: a courier the writer
    // cannot see leaves it null, which the CHECK above refuses. When the owner's own courier
    // takes a shared order (a dispatcher of A assigns it), A has taken it back: the share ends.
    await db.query(`
      CREATE FUNCTION orders_courier_cooperative() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.courier_id IS NULL THEN
          NEW.courier_cooperative_id := NULL;
        ELSIF TG_OP = 'INSERT' OR NEW.courier_id IS DISTINCT FROM OLD.courier_id THEN
          SELECT c.cooperative_id INTO NEW.courier_cooperative_id FROM couriers c WHERE c.id = NEW.courier_id;
          IF NEW.courier_cooperative_id = NEW.cooperative_id AND NEW.carrier_cooperative_id IS NOT NULL THEN
            UPDATE order_shares SET status = 'withdrawn', withdrawn_at = now(), withdraw_reason = 'taken back by its co-op'
              WHERE order_id = NEW.id AND status = 'active';
            NEW.carrier_cooperative_id := NULL;
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER orders_courier_cooperative BEFORE INSERT OR UPDATE OF courier_id ON orders FOR EACH ROW EXECUTE FUNCTION orders_courier_cooperative()`);

    // Accounting: a shared order delivered records what its owner owes the carrier, on every
    // path that delivers (integer minor units, rounded half away from zero).
    await db.query(`
      CREATE FUNCTION order_shares_record_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE order_shares s SET delivered_at = now(), price_amount = NEW.price_amount, currency = NEW.price_currency,
          partner_share_amount = round(NEW.price_amount * s.share_of_price)::integer
        WHERE s.order_id = NEW.id AND s.status = 'active';
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER orders_shared_delivered AFTER UPDATE OF status ON orders FOR EACH ROW
        WHEN (NEW.status = 'delivered' AND OLD.status <> 'delivered' AND NEW.carrier_cooperative_id IS NOT NULL)
        EXECUTE FUNCTION order_shares_record_delivery()`);

    // The one more clause per table: what an active share lets its carrier see and write.
    const sharedWithMe = (orderColumn: string) =>
      `${orderColumn} IN (SELECT s.order_id FROM order_shares s WHERE s.carrier_cooperative_id = app_current_cooperative() AND s.status = 'active')`;
    await db.query(`
      CREATE POLICY orders_carried_for_partner ON orders
        USING (carrier_cooperative_id = app_current_cooperative() AND ${sharedWithMe('id')})
        WITH CHECK (carrier_cooperative_id = app_current_cooperative() AND ${sharedWithMe('id')})`);
    await db.query(`CREATE POLICY order_events_carried_for_partner ON order_events USING (${sharedWithMe('order_id')}) WITH CHECK (${sharedWithMe('order_id')})`);
    await db.query(`CREATE POLICY dispatch_decisions_carried_for_partner ON dispatch_decisions USING (${sharedWithMe('order_id')}) WITH CHECK (${sharedWithMe('order_id')})`);
    await db.query(`
      CREATE POLICY offers_carried_for_partner ON offers
        USING (courier_cooperative_id = app_current_cooperative() AND ${sharedWithMe('order_id')})
        WITH CHECK (courier_cooperative_id = app_current_cooperative() AND ${sharedWithMe('order_id')})`);

    // The carrier gives back an order it cannot serve. Done by a definer function because the
    // carrier's own update would make the order invisible to itself (its policy refuses that):
    // narrow, it only ends an active share carried by the calling co-op.
    await db.query(`
      CREATE FUNCTION order_share_withdraw(p_order_id uuid, p_reason text) RETURNS boolean
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        UPDATE orders SET carrier_cooperative_id = NULL, updated_at = now()
          WHERE id = p_order_id AND courier_id IS NULL AND carrier_cooperative_id = app_current_cooperative();
        IF NOT FOUND THEN RETURN false; END IF;
        UPDATE order_shares SET status = 'withdrawn', withdrawn_at = now(), withdraw_reason = p_reason
          WHERE order_id = p_order_id AND status = 'active';
        RETURN true;
      END $$`);

    // The customer's tracking page follows the holder, whose positions are kept under its co-op.
    await db.query(`DROP FUNCTION tracking_find_order(text)`);
    await db.query(`
      CREATE FUNCTION tracking_find_order(p_token text)
      RETURNS TABLE (id uuid, cooperative_id uuid, status text, courier_id uuid, courier_cooperative_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT o.id, o.cooperative_id, o.status, o.courier_id, o.courier_cooperative_id FROM orders o WHERE o.tracking_token = p_token
      $$`);

    // The sweep decides for the co-op that carries an order (its owner unless shared).
    await db.query(`
      CREATE OR REPLACE FUNCTION dispatch_due_cooperatives() RETURNS TABLE (cooperative_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT DISTINCT coalesce(o.carrier_cooperative_id, o.cooperative_id) FROM orders o WHERE o.status = 'pending'
        UNION
        SELECT DISTINCT f.courier_cooperative_id FROM offers f WHERE f.status = 'open' AND f.expires_at <= now()
      $$`);

    // Gateways that start learn which couriers carry another co-op's order now, so that
    // co-op's dispatchers keep receiving their positions (ids only, nothing else).
    await db.query(`
      CREATE FUNCTION partner_carried_couriers() RETURNS TABLE (order_id uuid, courier_id uuid, owner_cooperative_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT o.id, o.courier_id, o.cooperative_id FROM orders o
        WHERE o.carrier_cooperative_id IS NOT NULL AND o.courier_cooperative_id = o.carrier_cooperative_id AND o.status IN ('assigned', 'picked_up')
      $$`);
    await db.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO dispatch_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS partner_carried_couriers()`);
    await db.query(`
      CREATE OR REPLACE FUNCTION dispatch_due_cooperatives() RETURNS TABLE (cooperative_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT DISTINCT o.cooperative_id FROM orders o WHERE o.status = 'pending'
        UNION
        SELECT DISTINCT f.cooperative_id FROM offers f WHERE f.status = 'open' AND f.expires_at <= now()
      $$`);
    await db.query(`DROP FUNCTION tracking_find_order(text)`);
    await db.query(`
      CREATE FUNCTION tracking_find_order(p_token text)
      RETURNS TABLE (id uuid, cooperative_id uuid, status text, courier_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT o.id, o.cooperative_id, o.status, o.courier_id FROM orders o WHERE o.tracking_token = p_token
      $$`);
    await db.query(`DROP FUNCTION IF EXISTS order_share_withdraw(uuid, text)`);
    for (const [table, policy] of [['offers', 'offers_carried_for_partner'], ['dispatch_decisions', 'dispatch_decisions_carried_for_partner'], ['order_events', 'order_events_carried_for_partner'], ['orders', 'orders_carried_for_partner']]) {
      await db.query(`DROP POLICY IF EXISTS ${policy} ON ${table}`);
    }
    await db.query(`DROP TRIGGER IF EXISTS orders_shared_delivered ON orders`);
    await db.query(`DROP FUNCTION IF EXISTS order_shares_record_delivery()`);
    await db.query(`DROP TRIGGER IF EXISTS orders_courier_cooperative ON orders`);
    await db.query(`DROP FUNCTION IF EXISTS orders_courier_cooperative()`);
    for (const table of ['order_events', 'offers', 'dispatch_decisions']) await db.query(`DROP TRIGGER IF EXISTS ${table}_cooperative_of_order ON ${table}`);
    await db.query(`DROP FUNCTION IF EXISTS take_cooperative_of_order()`);
    await db.query(`DROP TRIGGER IF EXISTS offers_courier_cooperative ON offers`);
    await db.query(`DROP FUNCTION IF EXISTS offers_courier_cooperative()`);
    await db.query(`ALTER TABLE offers DROP CONSTRAINT offers_courier_fkey`);
    await db.query(`ALTER TABLE offers ADD FOREIGN KEY (cooperative_id, courier_id) REFERENCES couriers (cooperative_id, id)`);
    await db.query(`ALTER TABLE offers DROP COLUMN courier_cooperative_id`);
    await db.query(`DROP TABLE IF EXISTS order_shares`);
    await db.query(`ALTER TABLE orders DROP CONSTRAINT orders_courier_of_owner_or_carrier, DROP CONSTRAINT orders_carrier_not_owner, DROP CONSTRAINT orders_courier_fkey`);
    await db.query(`ALTER TABLE orders ADD FOREIGN KEY (cooperative_id, courier_id) REFERENCES couriers (cooperative_id, id)`);
    await db.query(`ALTER TABLE orders DROP COLUMN courier_cooperative_id, DROP COLUMN carrier_cooperative_id`);
    await db.query(`DROP TABLE IF EXISTS partnership_events`);
    await db.query(`DROP TABLE IF EXISTS partnerships`);
  }
}
