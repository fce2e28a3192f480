import { Injectable } from '@nestjs/common';
import type { Role } from '../entities';
import { Transactions } from '../transactions';

export interface LoginRecord {
  id: string;
  cooperativeId: string | null;
  role: Role;
  name: string;
  passwordHash: string;
  merchantId: string | null;
  courierId: string | null;
}

export interface ApiKeyRecord {
  id: string;
  cooperativeId: string;
  merchantId: string;
  merchantName: string;
}

/**
 * The only reads that cross tenants, before a tenant is known. Each goes through a
 * SECURITY DEFINER function that returns one narrow row, so no RLS policy is loosened. Inside
 * a request's transaction they run on its connection, never on a second one.
 */
@Injectable()
export class CredentialsRepository {
  constructor(private readonly transactions: Transactions) {}

  async findLogin(email: string): Promise<LoginRecord | null> {
    const [row] = await this.transactions.crossTenant<LoginRecord>(
      `SELECT id, cooperative_id AS "cooperativeId", role, name, password_hash AS "passwordHash",
              merchant_id AS "merchantId", courier_id AS "courierId"
       FROM auth_find_login($1)`,
      [email],
    );
    return row ?? null;
  }

  async findApiKey(keyHash: string): Promise<ApiKeyRecord | null> {
    const [row] = await this.transactions.crossTenant<ApiKeyRecord>(
      `SELECT id, cooperative_id AS "cooperativeId", merchant_id AS "merchantId", merchant_name AS "merchantName"
       FROM auth_find_api_key($1)`,
      [keyHash],
    );
    return row ?? null;
  }

  async ensurePlatformAdmin(email: string, passwordHash: string, name: string): Promise<boolean> {
    const [row] = await this.transactions.crossTenant<{ created: boolean }>(`SELECT auth_ensure_platform_admin($1, $2, $3) AS created`, [email, passwordHash, name]);
    return row.created === true;
  }

  async isEmailTaken(email: string): Promise<boolean> {
    const [row] = await this.transactions.crossTenant<{ taken: boolean }>(`SELECT email_is_taken($1) AS taken`, [email]);
    return row.taken === true;
  }
}
