import { euclideanMetres } from '../model/geometry';
import { Bundle } from './bundle';
import { RollingHorizonConfig } from './config';
import { CourierSlot, FreshJobSlot } from './courier-slots';

/**
 * The nearest-k prefilter: is it on for this round? Only in a big co-op (more courier slots than
 * `prefilterAboveSlots`) with couriers to spare (at least `prefilterSlotsPerBundle` slots per
 * bundle): when bundles are about as many as couriers, their nearest couriers overlap and a
 * matching on them alone leaves bundles unassigned that a farther courier would take.
 */
export function prefilterOn(bundles: number, slots: number, config: RollingHorizonConfig): boolean {
  return slots > config.prefilterAboveSlots && slots >= config.prefilterSlotsPerBundle * bundles;
}

/**
 * Which courier slots are scored for each bundle. Without the prefilter every slot is (the
 * full matching). With it, the `candidateSlotsPerBundle` slots nearest to the bundle's
 * restaurant (from where each would set off: its position, or where its current delivery ends)
 * plus every slot already heading to that restaurant, skipping couriers who turned one of its
 * orders down. A courier kilometres further away than k others is never the better choice once
 * travel is scored, and scoring every courier for every order grows as their product.
 * Returns slot indices per bundle, ascending.
 */
export function candidateSlots(bundles: readonly Bundle[], slots: readonly CourierSlot[], prefiltered: boolean, config: RollingHorizonConfig): number[][] {
  if (!prefiltered) {
    const all = slots.map((_, index) => index);
    return bundles.map(() => all);
  }
  // Read once per round, not once per bundle: which slots set off fresh, and from where, and who already heads to each restaurant.
  const fresh: number[] = [];
  const extensionsTo = new Map<string, number[]>();
  slots.forEach((slot, index) => {
    if (slot.kind === 'fresh') fresh.push(index);
    else extensionsTo.set(slot.job.pickupGroup, [...(extensionsTo.get(slot.job.pickupGroup) ?? []), index]);
  });
  return bundles.map((bundle) => {
    const excluded = new Set(bundle.orders.flatMap((order) => order.excludedCourierIds));
    const allowed = (indices: number[]) => (excluded.size ? indices.filter((index) => !excluded.has(slots[index].courier.id)) : indices);
    const extensions = allowed(extensionsTo.get(bundle.restaurantId) ?? []);
    const nearest = nearestFresh(bundle, slots, allowed(fresh), config.candidateSlotsPerBundle);
    return [...extensions, ...nearest].sort((a, b) => a - b);
  });
}

/**
 * The k fresh slots nearest to the bundle's pickup, ties to the lower index: a bounded
 * insertion, since sorting every slot for every bundle is what made a big co-op slow.
 */
function nearestFresh(bundle: Bundle, slots: readonly CourierSlot[], fresh: readonly number[], k: number): number[] {
  const metres: number[] = [];
  const indices: number[] = [];
  if (k <= 0) return indices;
  for (const index of fresh) {
    const distance = euclideanMetres((slots[index] as FreshJobSlot).from, bundle.pickup);
    // Indices arrive ascending, so an equal distance never displaces an earlier slot.
    if (indices.length === k && distance >= metres[k - 1]) continue;
    let at = indices.length === k ? k - 1 : indices.length;
    while (at > 0 && metres[at - 1] > distance) {
      metres[at] = metres[at - 1];
      indices[at] = indices[at - 1];
      at -= 1;
    }
    metres[at] = distance;
    indices[at] = index;
  }
  return indices;
}
