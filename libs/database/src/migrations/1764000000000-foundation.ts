import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from './tenant-isolation.sql';

/**
 * Cooperatives, users, merchants, couriers and API keys, with row-level security.
 *
 * The processes connect as `dispatch_app` (see data-source-options.ts): not the owner of
 * any table and without BYPASSRLS, so every tenant table only shows the rows of the
 * cooperative set in `app.cooperative_id` for the current transaction. The few lookups that
 * must cross tenants (login by e-mail, API key by hash) are SECURITY DEFINER functions with
 * a narrow result, so no policy is ever loosened for them.
 */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS postgis`);
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dispatch_app') THEN
          CREATE ROLE dispatch_app NOLOGIN NOBYPASSRLS;
        END IF;
      END $$`);
    // The migrating user must be able to SET ROLE to the application role.
    await db.query(`DO $$ BEGIN EXECUTE format('GRANT dispatch_app TO %I', current_user); END $$`);

    await db.query(`
      CREATE FUNCTION app_current_cooperative() RETURNS uuid LANGUAGE sql STABLE AS
      $$ SELECT nullif(current_setting('app.cooperative_id', true), '')::uuid $$`);

    await db.query(`
      CREATE TABLE cooperatives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]*$'),
        timezone text NOT NULL,
        currency char(3) NOT NULL,
        service_area geography(MultiPolygon, 4326) NOT NULL,
        settings jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX cooperatives_service_area_gist ON cooperatives USING gist (service_area)`);

    await db.query(`
      CREATE TABLE merchants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        name text NOT NULL,
        address text NOT NULL,
        location geography(Point, 4326) NOT NULL,
        phone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cooperative_id, id)
      )`);
    await db.query(`CREATE INDEX merchants_location_gist ON merchants USING gist (location)`);

    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        email text NOT NULL,
        password_hash text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('platform_admin', 'coop_admin', 'dispatcher', 'courier', 'merchant')),
        phone text,
        merchant_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cooperative_id, id),
        FOREIGN KEY (cooperative_id, merchant_id) REFERENCES merchants (cooperative_id, id),
        CHECK ((role = 'platform_admin') = (cooperative_id IS NULL)),
        CHECK ((role = 'merchant') = (merchant_id IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);

    await db.query(`
      CREATE TABLE couriers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        user_id uuid NOT NULL UNIQUE,
        vehicle text NOT NULL CHECK (vehicle IN ('bike', 'cargo_bike', 'ebike')),
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 20),
        on_shift boolean NOT NULL DEFAULT false,
        shift_started_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cooperative_id, id),
        FOREIGN KEY (cooperative_id, user_id) REFERENCES users (cooperative_id, id)
      )`);
    await db.query(`CREATE INDEX couriers_on_shift ON couriers (cooperative_id) WHERE on_shift`);

    await db.query(`
      CREATE TABLE merchant_api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL DEFAULT app_current_cooperative() REFERENCES cooperatives (id),
        merchant_id uuid NOT NULL,
        key_hash text NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        FOREIGN KEY (cooperative_id, merchant_id) REFERENCES merchants (cooperative_id, id)
      )`);

    for (const table of ['merchants', 'users', 'couriers', 'merchant_api_keys']) {
      await db.query(enableTenantIsolation(table));
    }

    await db.query(`
      CREATE FUNCTION auth_find_login(p_email text)
      RETURNS TABLE (id uuid, cooperative_id uuid, role text, name text, password_hash text, merchant_id uuid, courier_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT u.id, u.cooperative_id, u.role, u.name, u.password_hash, u.merchant_id, c.id
        FROM users u LEFT JOIN couriers c ON c.user_id = u.id
        WHERE lower(u.email) = lower(p_email)
      $$`);
    await db.query(`
      CREATE FUNCTION auth_find_api_key(p_hash text)
      RETURNS TABLE (id uuid, cooperative_id uuid, merchant_id uuid, merchant_name text)
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        UPDATE merchant_api_keys k SET last_used_at = now()
        FROM merchants m
        WHERE k.key_hash = p_hash AND k.revoked_at IS NULL AND m.id = k.merchant_id
        RETURNING k.id, k.cooperative_id, k.merchant_id, m.name
      $$`);
    await db.query(`
      CREATE FUNCTION auth_ensure_platform_admin(p_email text, p_password_hash text, p_name text)
      RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        INSERT INTO users (email, password_hash, name, role, cooperative_id)
        VALUES (p_email, p_password_hash, p_name, 'platform_admin', NULL)
        ON CONFLICT (lower(email)) DO NOTHING;
        RETURN FOUND;
      END $$`);
    await db.query(`
      CREATE FUNCTION email_is_taken(p_email text) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(p_email))
      $$`);

    await db.query(`GRANT USAGE ON SCHEMA public TO dispatch_app`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dispatch_app`);
    await db.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO dispatch_app`);
    // Tables created by later migrations (by the same owner) are granted automatically.
    await db.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO dispatch_app`);
    await db.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO dispatch_app`);
    await db.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO dispatch_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const fn of ['email_is_taken(text)', 'auth_ensure_platform_admin(text, text, text)', 'auth_find_api_key(text)', 'auth_find_login(text)']) {
      await db.query(`DROP FUNCTION IF EXISTS ${fn}`);
    }
    for (const table of ['merchant_api_keys', 'couriers', 'users', 'merchants', 'cooperatives']) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await db.query(`DROP FUNCTION IF EXISTS app_current_cooperative()`);
  }
}
