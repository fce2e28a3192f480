import { Assignment, DispatchDecisions } from '../model/decisions';
import { DispatchPolicy } from '../model/policy';
import { seededRng } from '../model/rng';
import { DispatchSnapshot } from '../model/snapshot';
import { GreedyPolicy } from '../greedy/greedy-policy';
import { RollingHorizonPolicy } from '../rolling-horizon/rolling-horizon-policy';
import { aCourier, anOrder, aSnapshot, at } from '../testing/snapshot-factory';
import { decideWithinCoopRules } from './coop-rules';

const policies: DispatchPolicy[] = [new GreedyPolicy(), new RollingHorizonPolicy()];
const outcomeOf = (decisions: DispatchDecisions, orderId: string) => {
  const offer = decisions.assignments.find((a) => a.newOrderIds.includes(orderId));
  if (offer) return { offeredTo: offer.courierId };
  const deferral = decisions.deferred.find((d) => d.orderId === orderId);
  if (deferral) return { deferred: deferral.reason };
  const flag = decisions.needsAttention.find((f) => f.orderId === orderId);
  return flag ? { needsAttention: flag.cause } : undefined;
};

describe.each(policies)('the co-op’s rules in $name', (policy) => {
  const decide = (snapshot: DispatchSnapshot) => policy.decide(snapshot, { rng: seededRng(1) });

  it('leaves an order that reached the offer limit to a person, even with a free courier', () => {
    const decisions = decide(
      aSnapshot({ couriers: [aCourier('free', at(200))], orders: [anOrder('tired', { offersMade: 3, excludedCourierIds: ['x', 'y', 'z'] })], limits: { maxOffersPerOrder: 3 } }),
    );
    expect(decisions.assignments).toEqual([]);
    expect(decisions.deferred).toEqual([]);
    expect(decisions.needsAttention).toEqual([{ orderId: 'tired', cause: 'offer-limit', reason: expect.stringMatching(/3 offers .* limit is 3/) }]);
  });

  it('still offers an order below the limit', () => {
    const decisions = decide(aSnapshot({ couriers: [aCourier('free', at(200))], orders: [anOrder('o1', { offersMade: 2, excludedCourierIds: ['x', 'y'] })], limits: { maxOffersPerOrder: 3 } }));
    expect(outcomeOf(decisions, 'o1')).toEqual({ offeredTo: 'free' });
  });

  it('offers nothing to a courier with no spare capacity', () => {
    const decisions = decide(aSnapshot({ couriers: [aCourier('full', at(100), { spareCapacity: 0 }), aCourier('room', at(700), { spareCapacity: 1 })], orders: [anOrder('o1')] }));
    expect(outcomeOf(decisions, 'o1')).toEqual({ offeredTo: 'room' });
    expect(decisions.assignments.flatMap((a) => a.candidates.map((c) => c.courierId))).not.toContain('full');
  });

  it('flags an order every courier able to take work turned down, and keeps it waiting for a newcomer', () => {
    const couriers = [aCourier('a', at(100)), aCourier('b', at(300)), aCourier('full', at(200), { spareCapacity: 0 })];
    const decisions = decide(aSnapshot({ couriers, orders: [anOrder('refused', { offersMade: 2, excludedCourierIds: ['a', 'b'] }), anOrder('fine', { restaurantId: 'r2', pickup: at(2000) })] }));
    expect(decisions.needsAttention).toEqual([{ orderId: 'refused', cause: 'no-courier', reason: expect.any(String) }]);
    expect(outcomeOf(decisions, 'fine')).toMatchObject({ offeredTo: expect.any(String) });
    const newcomer = decide(aSnapshot({ couriers: [...couriers, aCourier('new', at(400))], orders: [anOrder('refused', { offersMade: 2, excludedCourierIds: ['a', 'b'] })] }));
    expect(outcomeOf(newcomer, 'refused')).toEqual({ offeredTo: 'new' });
  });

  it('flags every order when no courier can take work now', () => {
    const decisions = decide(aSnapshot({ couriers: [aCourier('full', at(100), { spareCapacity: 0 })], orders: [anOrder('o1'), anOrder('o2', { readyAt: 160 })] }));
    expect(decisions.needsAttention.map((f) => [f.orderId, f.cause])).toEqual([
      ['o1', 'no-courier'],
      ['o2', 'no-courier'],
    ]);
  });

  it('gives every waiting order exactly one outcome', () => {
    const couriers = [
      aCourier('a', at(100)),
      aCourier('b', at(900), { spareCapacity: 1 }),
      aCourier('full', at(50), { spareCapacity: 0 }),
      aCourier('busy', at(0), { status: { kind: 'delivering', availableAt: 140, availableFrom: at(5000) } }),
    ];
    const orders = [
      anOrder('now'),
      anOrder('later', { readyAt: 150 }),
      anOrder('far', { restaurantId: 'r2', pickup: at(3000) }),
      anOrder('limit', { offersMade: 5, excludedCourierIds: ['a', 'b', 'c', 'd', 'e'] }),
      anOrder('refused', { restaurantId: 'r3', pickup: at(-800), offersMade: 2, excludedCourierIds: ['a', 'b', 'busy'] }),
    ];
    const decisions = decide(aSnapshot({ now: 100, couriers, orders, limits: { maxOffersPerOrder: 5 } }));
    const decided = [...decisions.assignments.flatMap((a) => a.newOrderIds), ...decisions.deferred.map((d) => d.orderId), ...decisions.needsAttention.map((f) => f.orderId)];
    expect([...decided].sort()).toEqual(orders.map((o) => o.id).sort());
    expect(outcomeOf(decisions, 'limit')).toEqual({ needsAttention: 'offer-limit' });
    expect(outcomeOf(decisions, 'refused')).toEqual({ needsAttention: 'no-courier' });
  });
});

describe('trimming an assignment to the courier’s spare capacity', () => {
  const bundle = (courierId: string, held: string[], offered: string[]): Assignment => ({
    courierId,
    orderIds: [...held, ...offered],
    newOrderIds: offered,
    pickupGroup: 'r1',
    expectedPickupAt: 110,
    expectedDropoffAt: [...held, ...offered].map((_, i) => 120 + i),
    score: 1,
    reason: 'bundled',
    candidates: [],
  });
  const decideWith = (assignments: Assignment[], spareCapacity: number) =>
    decideWithinCoopRules(aSnapshot({ couriers: [aCourier('c', at(0), { spareCapacity })], orders: ['h', 'o1', 'o2', 'o3'].map((id) => anOrder(id)) }), () => ({
      assignments,
      deferred: [{ orderId: 'h', reason: 'held elsewhere' }],
    }));

  it('offers what fits, in the policy’s order, and plans the rest for the next round', () => {
    const decisions = decideWith([bundle('c', ['held'], ['o1', 'o2', 'o3'])], 2);
    expect(decisions.assignments).toEqual([expect.objectContaining({ courierId: 'c', newOrderIds: ['o1', 'o2'], orderIds: ['held', 'o1', 'o2'], expectedDropoffAt: [120, 121, 122] })]);
    expect(decisions.deferred).toEqual([
      { orderId: 'h', reason: 'held elsewhere' },
      { orderId: 'o3', reason: 'c can take 2 more orders now: planned again next round', plannedCourierId: 'c' },
    ]);
  });

  it('leaves a whole assignment alone when it fits, and counts what earlier assignments took', () => {
    expect(decideWith([bundle('c', [], ['o1', 'o2'])], 2).assignments[0].newOrderIds).toEqual(['o1', 'o2']);
    const decisions = decideWith([bundle('c', [], ['o1']), bundle('c', [], ['o2', 'o3'])], 2);
    expect(decisions.assignments.map((a) => a.newOrderIds)).toEqual([['o1'], ['o2']]);
    expect(decisions.deferred.map((d) => d.orderId)).toEqual(['h', 'o3']);
  });

  it('bounds a real bundle of the rolling-horizon policy', () => {
    const orders = [0, 1, 2, 3].map((i) => anOrder(`o${i}`, { dropoff: at(1000, i * 40) }));
    const rollingHorizon: DispatchPolicy = new RollingHorizonPolicy();
    const decisions = rollingHorizon.decide(aSnapshot({ couriers: [aCourier('only', at(100), { spareCapacity: 2 })], orders }), { rng: seededRng(1) });
    expect(decisions.assignments).toHaveLength(1);
    expect(decisions.assignments[0].newOrderIds).toHaveLength(2);
    expect(decisions.assignments[0].orderIds).toEqual(decisions.assignments[0].newOrderIds);
    expect(decisions.deferred.map((d) => d.plannedCourierId)).toEqual(['only', 'only']);
  });
});
