import bcrypt from 'bcrypt';
import { randomBytes } from 'node:crypto';

/*
 * bcrypt through the native binding (prebuilt for common platforms, shipped in the npm
 * package): each hash runs on libuv's thread pool, so twenty riders logging in at once do
 * not stall the event loop that also serves their orders and positions. The cost stays at
 * OWASP's recommendation for bcrypt (10 or more, `BCRYPT_COST`).
 */

export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/**
 * A hash of a random password at the configured cost, compared against when the e-mail is
 * unknown so that such a login takes as long as a wrong password for a known one.
 */
export function decoyPasswordHash(cost: number): Promise<string> {
  return hashPassword(randomBytes(18).toString('base64url'), cost);
}
