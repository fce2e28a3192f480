import { solveAssignment } from '../shared/hungarian';
import { Bundle, URGENCY_ORDER } from './bundle';
import { candidateSlots, prefilterOn } from './candidate-slots';
import { CourierSlot } from './courier-slots';
import { evaluatePair, PairContext, PairEvaluation } from './evaluate-pair';

const INFEASIBLE = 1e12;

/** A bundle with every feasible courier ranked, and the one the matching chose. */
export interface BundleMatch {
  readonly bundle: Bundle;
  readonly ranked: readonly PairEvaluation[];
  readonly chosen: PairEvaluation | null;
}

/** One optimal matching per urgency group, most urgent first, each on the
 *  couriers the earlier groups left: late orders are never outbid by orders
 *  that can still be on time. */
export function matchByPriority(bundles: readonly Bundle[], slots: readonly CourierSlot[], ctx: PairContext): BundleMatch[] {
  // Only each bundle's candidate slots are scored (all of them in a small co-op); the others stay null: infeasible.
  const prefiltered = prefilterOn(bundles.length, slots.length, ctx.config);
  const candidates = candidateSlots(bundles, slots, prefiltered, ctx.config);
  const evaluations = bundles.map((bundle, i) => {
    const row: (PairEvaluation | null)[] = new Array(slots.length).fill(null);
    for (const j of candidates[i]) row[j] = evaluatePair(bundle, slots[j], ctx);
    return row;
  });
  const chosen = new Map<number, PairEvaluation>();
  const usedSlots = new Set<number>();
  for (const urgency of URGENCY_ORDER) {
    const rows = bundles.map((b, i) => i).filter((i) => bundles[i].urgency === urgency);
    if (rows.length === 0) continue;
    // Prefiltered, the matching only needs the slots some bundle of the group may take: the rest are infeasible for all.
    const wanted = prefiltered ? new Set(rows.flatMap((i) => candidates[i])) : null;
    const cols = slots.map((s, j) => j).filter((j) => !usedSlots.has(j) && (!wanted || wanted.has(j)));
    const cost = rows.map((i) => [
      ...cols.map((j) => evaluations[i][j]?.score ?? INFEASIBLE),
      ...rows.map(() => deferCost(bundles[i], ctx)),
    ]);
    solveAssignment(cost).forEach((col, r) => {
      const evaluation = col < cols.length ? evaluations[rows[r]][cols[col]] : null;
      if (!evaluation) return;
      chosen.set(rows[r], evaluation);
      usedSlots.add(cols[col]);
    });
  }
  return bundles.map((bundle, i) => ({
    bundle,
    ranked: evaluations[i].filter((e): e is PairEvaluation => e !== null).sort(byScore),
    chosen: chosen.get(i) ?? null,
  }));
}

function byScore(a: PairEvaluation, b: PairEvaluation): number {
  return a.score - b.score || a.slot.courier.id.localeCompare(b.slot.courier.id);
}

/** Leaving a bundle for later costs more per order and the longer its orders
 *  have waited: when couriers are scarce, big bundles and old orders go first. */
function deferCost(bundle: Bundle, ctx: PairContext): number {
  return bundle.orders.reduce((sum, o) => sum + ctx.config.deferCost + (ctx.snapshot.now - o.placedAt), 0);
}
