import { MdrpInstance } from '../mdrp/instance';
import { MdrpSolution } from '../solution/solution';

/** Evaluator rules on assignments and orders: each order once, no assignment
 *  before placement, pickup after ready and by the courier's off-time,
 *  drop-offs in the assigned sequence, order lines consistent with assignments. */
export function assignmentViolations(instance: MdrpInstance, solution: MdrpSolution): string[] {
  const problems: string[] = [];
  const orders = new Map(instance.orders.map((o) => [o.id, o]));
  const couriers = new Map(instance.couriers.map((c) => [c.id, c]));
  const delivered = new Map(solution.orders.map((o) => [o.orderId, o]));
  if (delivered.size !== solution.orders.length) problems.push('an order has more than one delivery line');
  const seen = new Set<string>();
  for (const a of solution.assignments) {
    const label = `assignment of ${a.courierId} at ${a.assignedAt}`;
    const courier = couriers.get(a.courierId);
    if (!courier) problems.push(`${label}: unknown courier`);
    else if (a.pickupAt > courier.offAt) problems.push(`${label}: pickup ${a.pickupAt} after off-time ${courier.offAt}`);
    let previousDropoff = -Infinity;
    for (const id of a.orderIds) {
      const order = orders.get(id);
      const line = delivered.get(id);
      if (seen.has(id)) problems.push(`${label}: order ${id} is in more than one assignment`);
      seen.add(id);
      if (!order) {
        problems.push(`${label}: unknown order ${id}`);
        continue;
      }
      if (a.assignedAt < order.placedAt) problems.push(`${label}: order ${id} assigned before its placement ${order.placedAt}`);
      if (a.pickupAt < order.readyAt) problems.push(`${label}: order ${id} picked up at ${a.pickupAt} before ready ${order.readyAt}`);
      if (!line) {
        problems.push(`${label}: order ${id} has no delivery line`);
        continue;
      }
      if (line.courierId !== a.courierId || line.pickupAt !== a.pickupAt) problems.push(`order ${id}: delivery line disagrees with its assignment`);
      if (line.placedAt !== order.placedAt || line.readyAt !== order.readyAt) problems.push(`order ${id}: placement/ready times differ from the instance`);
      if (line.dropoffAt <= previousDropoff) problems.push(`${label}: order ${id} dropped off out of sequence`);
      previousDropoff = line.dropoffAt;
    }
  }
  for (const id of delivered.keys()) if (!seen.has(id)) problems.push(`order ${id} delivered without an assignment`);
  return problems;
}
