import { Injectable } from '@nestjs/common';
import { UserRecord } from '../entities';
import { Transactions } from '../transactions';
import { keysetPage, Page, PageRequest } from './page';

/** What a new member needs; the database fills in the rest (the cooperative from the transaction's tenant). */
export type NewUser = Pick<UserRecord, 'email' | 'name' | 'role' | 'phone' | 'merchantId'> & { passwordHash: string };

/** The fields a member's profile update may change; a field left out keeps its value. */
export interface UserChanges {
  name?: string;
  phone?: string;
  passwordHash?: string;
}

/** Every column of `users` but `password_hash`, which this repository never reads back. */
const userColumns = `u.id, u.cooperative_id AS "cooperativeId", u.email, u.name, u.role, u.phone, u.merchant_id AS "merchantId",
  u.created_at AS "createdAt", u.updated_at AS "updatedAt", u.deactivated_at AS "deactivatedAt"`;

/** Users of the current cooperative (row-level security hides all others). */
@Injectable()
export class UsersRepository {
  constructor(private readonly transactions: Transactions) {}

  async create(values: NewUser): Promise<UserRecord> {
    const [user] = await this.transactions.rows<UserRecord>(
      `INSERT INTO users AS u (email, password_hash, name, role, phone, merchant_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${userColumns}`,
      [values.email, values.passwordHash, values.name, values.role, values.phone, values.merchantId],
    );
    return user;
  }

  async findById(id: string): Promise<UserRecord | null> {
    const [user] = await this.transactions.rows<UserRecord>(`SELECT ${userColumns} FROM users u WHERE u.id = $1`, [id]);
    return user ?? null;
  }

  /** Null when the user is not in this cooperative. */
  async update(id: string, values: UserChanges): Promise<UserRecord | null> {
    const [user] = await this.transactions.rows<UserRecord>(
      `UPDATE users AS u SET name = coalesce($2, u.name), phone = coalesce($3, u.phone), password_hash = coalesce($4, u.password_hash), updated_at = now()
       WHERE u.id = $1 RETURNING ${userColumns}`,
      [id, values.name ?? null, values.phone ?? null, values.passwordHash ?? null],
    );
    return user ?? null;
  }

  /** Marks an active member deactivated (login refuses them); false when already deactivated or not in this cooperative. */
  async deactivate(id: string): Promise<boolean> {
    const rows = await this.transactions.rows(
      `UPDATE users SET deactivated_at = now(), updated_at = now() WHERE id = $1 AND deactivated_at IS NULL RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Newest first. */
  list(page: PageRequest, filter: { role?: UserRecord['role'] } = {}): Promise<Page<UserRecord>> {
    return keysetPage<UserRecord>(this.transactions, {
      columns: userColumns, from: 'users u', alias: 'u', where: '$1::text IS NULL OR u.role = $1', parameters: [filter.role ?? null],
    }, page);
  }
}
