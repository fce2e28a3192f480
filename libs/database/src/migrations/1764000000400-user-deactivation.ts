import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Members can be deactivated (a rider who leaves the co-op): the row stays, for the orders
 * and shifts that name it and so that the e-mail is not taken by someone else, but it can no
 * longer log in.
 */
export class UserDeactivation1764000000400 implements MigrationInterface {
  name = 'UserDeactivation1764000000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN deactivated_at timestamptz`);
    await db.query(`
      CREATE OR REPLACE FUNCTION auth_find_login(p_email text)
      RETURNS TABLE (id uuid, cooperative_id uuid, role text, name text, password_hash text, merchant_id uuid, courier_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT u.id, u.cooperative_id, u.role, u.name, u.password_hash, u.merchant_id, c.id
        FROM users u LEFT JOIN couriers c ON c.user_id = u.id
        WHERE lower(u.email) = lower(p_email) AND u.deactivated_at IS NULL
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION auth_find_login(p_email text)
      RETURNS TABLE (id uuid, cooperative_id uuid, role text, name text, password_hash text, merchant_id uuid, courier_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT u.id, u.cooperative_id, u.role, u.name, u.password_hash, u.merchant_id, c.id
        FROM users u LEFT JOIN couriers c ON c.user_id = u.id
        WHERE lower(u.email) = lower(p_email)
      $$`);
    await db.query(`ALTER TABLE users DROP COLUMN deactivated_at`);
  }
}
