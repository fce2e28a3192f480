import { Assignment } from '@lib/dispatch-policy';
import { onShiftAt } from '../mdrp/instance';
import { readMdrpInstance } from '../mdrp/read-instance';
import { sharedMdrpInstance, SMOKE_INSTANCE } from '../testing/shared-instance';
import { applyDecisions, PolicyError } from './apply-decisions';
import { ALWAYS_ACCEPT, seededDeclines } from './offer-responder';
import { createWorld, SimWorld } from './sim-world';

describe('applyDecisions (offers to simulated couriers)', () => {
  let world: SimWorld;
  const order = () => [...world.orders.values()].sort((a, b) => a.spec.placedAt - b.spec.placedAt)[0];
  const courierOnShiftAt = (t: number) => [...world.couriers.values()].find((c) => onShiftAt(c.spec, t))!;
  beforeEach(() => (world = createWorld(readMdrpInstance(sharedMdrpInstance(SMOKE_INSTANCE)))));

  const offer = (courierId: string, orderId: string, restaurantId: string): Assignment => ({
    courierId,
    orderIds: [orderId],
    newOrderIds: [orderId],
    pickupGroup: restaurantId,
    expectedPickupAt: 0,
    expectedDropoffAt: [0],
    score: 0,
    reason: 'test',
    candidates: [],
  });

  it('starts a job from where the courier waits when it accepts', () => {
    const o = order();
    const now = o.spec.placedAt;
    const courier = courierOnShiftAt(now);
    applyDecisions(world, now, { assignments: [offer(courier.spec.id, o.spec.id, o.spec.restaurantId)], deferred: [], needsAttention: [] }, ALWAYS_ACCEPT);
    expect(courier.job).toMatchObject({ restaurantId: o.spec.restaurantId, orderIds: [o.spec.id], departedAt: now, origin: '0' });
    expect(o.courierId).toBe(courier.spec.id);
  });

  it('excludes the courier from the order when it declines, leaving the order waiting', () => {
    const o = order();
    const courier = courierOnShiftAt(o.spec.placedAt);
    const outcome = applyDecisions(world, o.spec.placedAt, { assignments: [offer(courier.spec.id, o.spec.id, o.spec.restaurantId)], deferred: [], needsAttention: [] }, seededDeclines(1, 0));
    expect(outcome).toEqual({ accepted: 0, declined: 1, flagged: 0 });
    expect(o.courierId).toBeUndefined();
    expect(o.excludedCourierIds).toEqual([courier.spec.id]);
    expect(o.offersMade).toBe(1);
  });

  it('stops the replay on an assignment that breaks the rules of the day', () => {
    const o = order();
    const courier = courierOnShiftAt(o.spec.placedAt);
    const wrongRestaurant = offer(courier.spec.id, o.spec.id, 'not-its-restaurant');
    expect(() => applyDecisions(world, o.spec.placedAt, { assignments: [wrongRestaurant], deferred: [], needsAttention: [] }, ALWAYS_ACCEPT)).toThrow(PolicyError);
    const beforePlacement = offer(courier.spec.id, o.spec.id, o.spec.restaurantId);
    expect(() => applyDecisions(world, o.spec.placedAt - 1, { assignments: [beforePlacement], deferred: [], needsAttention: [] }, ALWAYS_ACCEPT)).toThrow(/not placed yet/);
  });
});
