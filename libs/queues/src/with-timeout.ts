/**
 * Rejects when `promise` has not settled within `ms`. For Redis calls that must not wait for
 * a reconnection (ours wait by design, `maxRetriesPerRequest: null`); the command itself stays
 * queued and runs if Redis comes back, so it must be harmless late.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
