import { MdrpInstance } from '../mdrp/instance';
import { MdrpSolution, SolutionMove } from '../solution/solution';
import { courierStays, stayAt } from './courier-stays';

/** Evaluator rules on movements: each courier's lines together and continuous,
 *  no teleporting, and the courier at the restaurant (the customer) at each
 *  pickup (drop-off) instant, with half a service on either side of it. */
export function moveViolations(instance: MdrpInstance, solution: MdrpSolution): string[] {
  const problems: string[] = [];
  const byCourier = groupContiguously(solution.moves, problems);
  const { pickupServiceMinutes: sp, dropoffServiceMinutes: sd } = instance.parameters;
  const restaurantOf = new Map(instance.orders.map((o) => [o.id, o.restaurantId]));
  const lines = new Map(solution.orders.map((o) => [o.orderId, o]));
  const replayed = new Map([...byCourier].map(([id, moves]) => [id, courierStays(instance, id, moves)]));
  for (const { problems: moveProblems } of replayed.values()) problems.push(...moveProblems);
  for (const a of solution.assignments) {
    const stays = replayed.get(a.courierId)?.stays ?? courierStays(instance, a.courierId, []).stays;
    const restaurant = restaurantOf.get(a.orderIds[0]) ?? '?';
    const atPickup = stayAt(stays, restaurant, a.pickupAt);
    if (!atPickup) problems.push(`courier ${a.courierId} is not at ${restaurant} at pickup ${a.pickupAt}`);
    else if (a.pickupAt < atPickup.arrivedAt + sp / 2 || atPickup.leavesAt < a.pickupAt + sp / 2) problems.push(`courier ${a.courierId}: pickup service at ${restaurant} cut short`);
    for (const id of a.orderIds) {
      const line = lines.get(id);
      if (!line) continue;
      const atDoor = stayAt(stays, id, line.dropoffAt);
      if (!atDoor) problems.push(`courier ${a.courierId} is not at order ${id}'s door at drop-off ${line.dropoffAt}`);
      else if (line.dropoffAt < atDoor.arrivedAt + sd / 2 || atDoor.leavesAt < line.dropoffAt + sd / 2) problems.push(`courier ${a.courierId}: drop-off service of ${id} cut short`);
    }
  }
  return [...new Set(problems)];
}

function groupContiguously(moves: readonly SolutionMove[], problems: string[]): Map<string, SolutionMove[]> {
  const groups = new Map<string, SolutionMove[]>();
  let previous: string | undefined;
  for (const move of moves) {
    if (move.courierId !== previous && groups.has(move.courierId)) problems.push(`courier ${move.courierId}: moves are not all together`);
    groups.set(move.courierId, [...(groups.get(move.courierId) ?? []), move]);
    previous = move.courierId;
  }
  return groups;
}
