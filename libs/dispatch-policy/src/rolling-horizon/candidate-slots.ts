import { euclideanMetres } from '../model/geometry';
import { Bundle } from './bundle';
import { RollingHorizonConfig } from './config';
import { CourierSlot } from './courier-slots';

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
 * Which courier slots are scored for a bundle. Without the prefilter every slot is (the
 * full matching). With it, the `candidateSlotsPerBundle` slots nearest to the bundle's
 * restaurant (from where each would set off: its position, or where its current delivery ends)
 * plus every slot already heading to that restaurant, skipping couriers who turned one of its
 * orders down. A courier kilometres further away than k others is never the better choice once
 * travel is scored, and scoring every courier for every order grows as their product.
 * Returns slot indices, ascending.
 */
export function candidateSlots(bundle: Bundle, slots: readonly CourierSlot[], prefiltered: boolean, config: RollingHorizonConfig): number[] {
  const all = slots.map((_, index) => index);
  if (!prefiltered) return all;
  const excluded = new Set(bundle.orders.flatMap((order) => order.excludedCourierIds));
  const extensions: number[] = [];
  const fresh: { index: number; metres: number }[] = [];
  slots.forEach((slot, index) => {
    if (excluded.has(slot.courier.id)) return;
    if (slot.kind === 'extend') {
      if (slot.job.pickupGroup === bundle.restaurantId) extensions.push(index);
    } else {
      fresh.push({ index, metres: euclideanMetres(slot.from, bundle.pickup) });
    }
  });
  const nearest = fresh
    .sort((a, b) => a.metres - b.metres || a.index - b.index)
    .slice(0, config.candidateSlotsPerBundle)
    .map((candidate) => candidate.index);
  return [...extensions, ...nearest].sort((a, b) => a - b);
}
