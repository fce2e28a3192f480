import { Assignment, DispatchDecisions } from '@lib/dispatch-policy';
import { pickupInstant } from './advance-world';
import { OfferResponder } from './offer-responder';
import { SimCourier, SimOrder, SimWorld } from './sim-world';

export interface OfferOutcome {
  readonly accepted: number;
  readonly declined: number;
  /** Orders newly flagged for a person. */
  readonly flagged: number;
}

/** Acts on the policy's outcomes, as production's DecisionApplier does: offers each
 *  assignment to its courier (an accepted offer starts or extends a job, a declined one
 *  excludes that courier for those orders: the cascade, the next round offers them to
 *  someone else) and flags the orders that need a person. A deferred order just waits.
 *  An assignment that breaks the rules of the day is a policy bug and stops the replay. */
export function applyDecisions(world: SimWorld, now: number, decisions: DispatchDecisions, responder: OfferResponder): OfferOutcome {
  let accepted = 0;
  let declined = 0;
  for (const assignment of decisions.assignments) {
    const courier = world.couriers.get(assignment.courierId);
    if (!courier) throw new PolicyError(assignment, 'unknown courier');
    validate(world, now, courier, assignment);
    for (const id of assignment.newOrderIds) world.orders.get(id)!.needsAttention = false;
    if (responder.respond(courier.spec.id, assignment.newOrderIds) === 'decline') {
      for (const id of assignment.newOrderIds) decline(world.orders.get(id)!, courier.spec.id);
      declined++;
      continue;
    }
    accept(world, now, courier, assignment);
    accepted++;
  }
  return { accepted, declined, flagged: flag(world, decisions) };
}

function decline(order: SimOrder, courierId: string): void {
  order.excludedCourierIds.push(courierId);
  order.offersMade++;
}

function flag(world: SimWorld, decisions: DispatchDecisions): number {
  let flagged = 0;
  for (const { orderId } of decisions.needsAttention) {
    const order = world.orders.get(orderId);
    if (!order || order.courierId !== undefined) throw new Error(`policy flagged ${orderId}, which is not waiting`);
    if (order.needsAttention) continue;
    order.needsAttention = true;
    flagged++;
  }
  return flagged;
}

function accept(world: SimWorld, now: number, courier: SimCourier, assignment: Assignment): void {
  for (const id of assignment.newOrderIds) world.orders.get(id)!.courierId = courier.spec.id;
  courier.ordersAccepted += assignment.newOrderIds.length;
  if (courier.job) {
    courier.job.orderIds = [...assignment.orderIds];
    courier.job.changedAt = now;
  } else {
    const pickup = world.orders.get(assignment.newOrderIds[0])!.pickup;
    courier.job = {
      courierId: courier.spec.id,
      restaurantId: assignment.pickupGroup,
      pickup,
      origin: courier.locationLabel,
      departedAt: now,
      arrivesAt: now + world.travel.minutes(courier.position, pickup),
      orderIds: [...assignment.orderIds],
      changedAt: now,
    };
  }
  if (pickupInstant(world, courier.job) > courier.spec.offAt) throw new PolicyError(assignment, 'pickup would fall after the end of the shift');
}

function validate(world: SimWorld, now: number, courier: SimCourier, assignment: Assignment): void {
  if (courier.spec.onAt > now || courier.spec.offAt < now) throw new PolicyError(assignment, 'courier is off shift');
  if (assignment.newOrderIds.length === 0) throw new PolicyError(assignment, 'offers no order');
  for (const id of assignment.newOrderIds) {
    const order = world.orders.get(id);
    if (!order || order.spec.placedAt > now) throw new PolicyError(assignment, `order ${id} is not placed yet`);
    if (order.courierId !== undefined) throw new PolicyError(assignment, `order ${id} is already held by ${order.courierId}`);
    if (order.spec.restaurantId !== assignment.pickupGroup) throw new PolicyError(assignment, `order ${id} is not from ${assignment.pickupGroup}`);
    if (order.excludedCourierIds.includes(courier.spec.id)) throw new PolicyError(assignment, `order ${id} was declined by this courier`);
  }
  const held = courier.job?.orderIds ?? [];
  if (courier.job && (courier.job.pickedUpAt !== undefined || courier.job.restaurantId !== assignment.pickupGroup)) {
    throw new PolicyError(assignment, 'courier is busy with a job that cannot take these orders');
  }
  const expected = new Set([...held, ...assignment.newOrderIds]);
  if (assignment.orderIds.length !== expected.size || !assignment.orderIds.every((id) => expected.has(id))) {
    throw new PolicyError(assignment, 'orderIds must be the held orders plus the new ones, each once');
  }
}

export class PolicyError extends Error {
  constructor(assignment: Assignment, problem: string) {
    super(`illegal assignment to ${assignment.courierId} of [${assignment.orderIds.join(', ')}]: ${problem}`);
    this.name = 'PolicyError';
  }
}
