import { DispatchSnapshot } from '../model/snapshot';
import { latestReady } from './bundle';
import { RollingHorizonConfig } from './config';
import { BundleMatch } from './match-by-priority';

/** Two-stage, lazy commitment: a match is only a plan until waiting for the
 *  next round would make the courier arrive after the food is ready. Until
 *  then the courier stays free for anything more urgent, and a better courier
 *  (one finishing a delivery next door) may still turn up. */
export type Commitment =
  | { readonly kind: 'commit' }
  | { readonly kind: 'plan'; readonly leavesAt: number }
  | { readonly kind: 'wait-for-courier'; readonly freeAt: number }
  | { readonly kind: 'unmatched' };

export function decideCommitment(match: BundleMatch, snapshot: DispatchSnapshot, config: RollingHorizonConfig): Commitment {
  const chosen = match.chosen;
  if (!chosen) return { kind: 'unmatched' };
  const slot = chosen.slot;
  // Adding orders to a job already under way costs no courier freedom.
  if (slot.kind === 'extend') return { kind: 'commit' };
  if (!slot.idleNow) return { kind: 'wait-for-courier', freeAt: slot.departsAt };
  const approach = snapshot.travel.minutes(slot.from, match.bundle.pickup);
  const leavesAt = latestReady(match.bundle.orders) - snapshot.service.pickup / 2 - approach;
  return leavesAt < snapshot.now + config.cadenceMinutes ? { kind: 'commit' } : { kind: 'plan', leavesAt };
}
