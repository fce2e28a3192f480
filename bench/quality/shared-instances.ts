import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared MDRP days live beside the clone (CI checks out ../shared). */
export const SHARED_MDRP_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'mdrp');

export function sharedInstanceNames(): string[] {
  return readdirSync(SHARED_MDRP_DIR)
    .filter((name) => statSync(join(SHARED_MDRP_DIR, name)).isDirectory())
    .sort();
}

/** The 16 half-size days (half the orders, or half the restaurants) the
 *  targets and the paper's exact-method comparison are stated on. */
export function isHalfSize(name: string): boolean {
  return /^\d+(o50|r50)/.test(name);
}
