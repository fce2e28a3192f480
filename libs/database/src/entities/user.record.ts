import type { Role } from './role';

/**
 * A row of `users`, as UsersRepository reads it: every column but the password hash, which
 * only login reads (CredentialsRepository, through a SECURITY DEFINER function).
 */
export interface UserRecord {
  id: string;
  /** null for a platform admin only. */
  cooperativeId: string | null;
  email: string;
  name: string;
  role: Role;
  phone: string | null;
  /** Set exactly for role `merchant`. */
  merchantId: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** When the member was deactivated (can no longer log in); null while active. */
  deactivatedAt: Date | null;
}
