import { Candidate } from '../model/decisions';
import { DispatchSnapshot } from '../model/snapshot';
import { PairEvaluation } from './evaluate-pair';
import { BundleMatch } from './match-by-priority';
import { SystemPressure } from './system-pressure';

const CANDIDATES_LOGGED = 6;

/** The sentence a co-op member reads in the dispatch log. Relative times
 *  ("in 7 min") so it reads the same in the simulator and in production. */
export function explainAssignment(match: BundleMatch, snapshot: DispatchSnapshot, pressure: SystemPressure): string {
  const chosen = match.chosen!;
  const { bundle } = match;
  const n = bundle.orders.length;
  const parts: string[] = [];
  if (chosen.slot.kind === 'extend') {
    parts.push(`already heading to ${bundle.restaurantId}: adds ${plural(n, 'order')} to the ${plural(chosen.slot.held.length, 'order')} it holds (+${fmt(chosen.terms.heldDelay)} min for them)`);
  } else {
    const approach = snapshot.travel.minutes(chosen.slot.from, bundle.pickup);
    parts.push(`leaves now, ${fmt(approach)} min from ${bundle.restaurantId}, food ready in ${fmt(Math.max(0, maxReady(match) - snapshot.now))} min`);
  }
  parts.push(`${fmt(chosen.terms.delay)} min over the fastest delivery still possible for ${plural(n, 'order')}`);
  if (n > 1) parts.push(`bundled: ${fmt(pressure.ratio)} orders ready soon per free courier`);
  if (bundle.urgency === 'late') parts.push('urgent: already past the click-to-door target, matched first');
  if (chosen.terms.fairness !== 0) parts.push(`fairness ${signed(chosen.terms.fairness)} min (${chosen.terms.fairness < 0 ? 'below' : 'above'} the co-op's mean earnings per shift-hour)`);
  parts.push(rankNote(match));
  return parts.join('; ');
}

function rankNote(match: BundleMatch): string {
  const best = match.ranked[0];
  const chosen = match.chosen!;
  if (best === chosen) return `best of ${match.ranked.length} couriers considered`;
  return `${best.slot.courier.id} scored better alone (${fmt(best.score)} vs ${fmt(chosen.score)}) but was worth more elsewhere in this round`;
}

export function candidatesOf(match: BundleMatch): Candidate[] {
  const top = match.ranked.slice(0, CANDIDATES_LOGGED);
  if (match.chosen && !top.includes(match.chosen)) top.push(match.chosen);
  return top.map(toCandidate);
}

function toCandidate(e: PairEvaluation): Candidate {
  const terms: Record<string, number> = { ...e.terms };
  for (const key of Object.keys(terms)) terms[key] = round(terms[key]);
  return { courierId: e.slot.courier.id, score: round(e.score), terms };
}

function maxReady(match: BundleMatch): number {
  return Math.max(...match.bundle.orders.map((o) => o.readyAt));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function fmt(x: number): string {
  return String(round(x));
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${fmt(x)}`;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
