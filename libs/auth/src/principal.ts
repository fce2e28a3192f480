import type { Role } from '@lib/database';

/** Who is calling, established once from the credentials; the only source of the tenant. */
export interface Principal {
  role: Role;
  /** `null` only for platform admins, who act on a cooperative by naming it. */
  cooperativeId: string | null;
  name: string;
  userId?: string;
  apiKeyId?: string;
  merchantId?: string;
  courierId?: string;
  /** When the credential stops being valid (access tokens only). */
  expiresAt?: Date;
  /** When the access token was issued, to the millisecond: revoking a user's sessions ends tokens issued before. */
  issuedAt?: Date;
}

/** A stable id of the credential itself (user or API key), e.g. to scope idempotency keys. */
export function credentialIdOf(principal: Principal): string {
  return principal.apiKeyId ? `key:${principal.apiKeyId}` : `user:${principal.userId}`;
}
