import { Assignment, Deferral } from '../model/decisions';
import { CourierSnapshot } from '../model/snapshot';

/** Orders a courier may still take now (absent: no limit). */
export function spareCapacityOf(courier: CourierSnapshot): number {
  return courier.spareCapacity ?? Infinity;
}

export interface Trimmed {
  readonly assignments: Assignment[];
  /** The orders cut from an assignment, planned for the same courier next round. */
  readonly deferred: Deferral[];
}

/**
 * Cuts each assignment to what its courier may still take, in the order the policy listed the
 * new orders; the orders cut wait for the next round. An assignment left with no new order is
 * dropped. The courier's whole job (`orderIds`, `expectedDropoffAt`) loses the same orders.
 */
export function trimToSpareCapacity(assignments: readonly Assignment[], couriers: readonly CourierSnapshot[]): Trimmed {
  const spare = new Map(couriers.map((courier) => [courier.id, spareCapacityOf(courier)]));
  const kept: Assignment[] = [];
  const deferred: Deferral[] = [];
  for (const assignment of assignments) {
    const room = Math.max(0, spare.get(assignment.courierId) ?? 0);
    if (assignment.newOrderIds.length <= room) {
      spare.set(assignment.courierId, room - assignment.newOrderIds.length);
      kept.push(assignment);
      continue;
    }
    const offered = assignment.newOrderIds.slice(0, room);
    const cut = new Set(assignment.newOrderIds.slice(room));
    spare.set(assignment.courierId, 0);
    const reason = `${assignment.courierId} can take ${room} more order${room === 1 ? '' : 's'} now: planned again next round`;
    for (const orderId of cut) deferred.push({ orderId, reason, plannedCourierId: assignment.courierId });
    if (offered.length === 0) continue;
    const stays = assignment.orderIds.map((orderId, i) => ({ orderId, dropoffAt: assignment.expectedDropoffAt[i] })).filter((stop) => !cut.has(stop.orderId));
    kept.push({
      ...assignment,
      newOrderIds: offered,
      orderIds: stays.map((stop) => stop.orderId),
      expectedDropoffAt: stays.map((stop) => stop.dropoffAt),
    });
  }
  return { assignments: kept, deferred };
}
