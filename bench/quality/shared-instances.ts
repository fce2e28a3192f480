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

/** The half-size day cut from the same city day the other way (half the orders ↔
 *  half the restaurants, same shifts, travel and preparation): the nearest thing
 *  to "last week" the shared set has, to learn a work outlook from. */
export function sisterDay(name: string): string | undefined {
  if (!isHalfSize(name)) return undefined;
  return join(SHARED_MDRP_DIR, name.replace(/o50|r50/, (cut) => (cut === 'o50' ? 'r50' : 'o50')));
}
