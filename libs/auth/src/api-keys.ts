import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'bdk_';

/** A new merchant API key: shown once to the co-op admin, stored only as its hash. */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, KEY_PREFIX.length + 6) };
}

/** Keys carry 256 random bits, so a fast hash is enough and allows lookup by hash. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
