import { SimJob, SimWorld } from '../world/sim-world';
import { MdrpSolution, SolutionAssignment, SolutionMove, SolutionOrder } from './solution';

/** Turns the replayed day into evaluator records: one assignment per job, one
 *  line per delivered order, and every move of every courier, grouped by courier. */
export function solutionFromWorld(world: SimWorld): MdrpSolution {
  const assignments: SolutionAssignment[] = [];
  const orders: SolutionOrder[] = [];
  const moves: SolutionMove[] = [];
  for (const courier of world.couriers.values()) {
    for (const job of courier.finishedJobs) {
      assignments.push({ assignedAt: job.changedAt, pickupAt: job.pickedUpAt!, courierId: job.courierId, orderIds: job.orderIds });
      orders.push(...deliveredOrders(world, job));
      moves.push(...jobMoves(world, job));
    }
  }
  assignments.sort((a, b) => a.assignedAt - b.assignedAt || a.courierId.localeCompare(b.courierId));
  return { assignments, orders, moves };
}

function deliveredOrders(world: SimWorld, job: SimJob): SolutionOrder[] {
  return job.orderIds.map((orderId, i) => {
    const { placedAt, readyAt } = world.orders.get(orderId)!.spec;
    return { orderId, placedAt, readyAt, pickupAt: job.pickedUpAt!, dropoffAt: job.dropoffAt![i], courierId: job.courierId };
  });
}

/** To the restaurant when the job was given, then each customer in turn,
 *  leaving half a service after the pickup / each drop-off. */
function jobMoves(world: SimWorld, job: SimJob): SolutionMove[] {
  const courierId = job.courierId;
  const moves: SolutionMove[] = [{ courierId, departedAt: job.departedAt, origin: job.origin, destination: job.restaurantId }];
  let leaves = job.pickedUpAt! + world.service.pickup / 2;
  let here = job.restaurantId;
  job.orderIds.forEach((orderId, i) => {
    moves.push({ courierId, departedAt: leaves, origin: here, destination: orderId });
    leaves = job.dropoffAt![i] + world.service.dropoff / 2;
    here = orderId;
  });
  return moves;
}
