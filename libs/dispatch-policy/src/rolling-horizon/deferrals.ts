import { Deferral } from '../model/decisions';
import { Commitment } from './commitment';
import { BundleMatch } from './match-by-priority';

/** Why each order of a bundle was not sent out this round. */
export function deferralsFor(match: BundleMatch, commitment: Exclude<Commitment, { kind: 'commit' }>): Deferral[] {
  const plannedCourierId = match.chosen?.slot.courier.id;
  const reason = reasonFor(match, commitment);
  return match.bundle.orders.map((o) => ({ orderId: o.id, reason, ...(plannedCourierId ? { plannedCourierId } : {}) }));
}

function reasonFor(match: BundleMatch, commitment: Exclude<Commitment, { kind: 'commit' }>): string {
  switch (commitment.kind) {
    case 'plan':
      return `planned for ${match.chosen!.slot.courier.id}, who leaves at ${commitment.leavesAt} to arrive as the food is ready; stays free for urgent orders until then`;
    case 'wait-for-courier':
      return `planned for ${match.chosen!.slot.courier.id}, free at ${commitment.freeAt} and still the fastest way to deliver`;
    case 'unmatched':
      return match.ranked.length === 0
        ? 'no courier on shift can pick this up before the end of its shift'
        : `every suitable courier is taken by more urgent orders this round (${match.ranked.length} considered)`;
  }
}
