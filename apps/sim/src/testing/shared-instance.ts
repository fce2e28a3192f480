import { resolve } from 'node:path';

/** CI checks out ../shared beside the clone; resolve from the repo root. */
const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

export function sharedMdrpInstance(name: string): string {
  return resolve(REPO_ROOT, '..', 'shared', 'mdrp', name);
}

/** A half-size day (252 orders, 61 couriers): small enough for every test run. */
export const SMOKE_INSTANCE = '0o50t75s1p100';

/** The same city day cut by restaurants instead of orders: a "past day" to learn a work outlook from. */
export const SISTER_INSTANCE = '0r50t75s1p100';
