import { DispatchPolicy } from '../model/policy';
import { seededRng } from '../model/rng';
import { DispatchSnapshot } from '../model/snapshot';
import { aCourier, anOrder, aSnapshot, at } from '../testing/snapshot-factory';
import { RollingHorizonPolicy } from './rolling-horizon-policy';

const policy: DispatchPolicy = new RollingHorizonPolicy();
const decide = (snapshot: DispatchSnapshot) => policy.decide(snapshot, { rng: seededRng(1) });

describe('RollingHorizonPolicy: anticipation', () => {
  const snapshotAt = (now: number) => aSnapshot({ now, couriers: [aCourier('a', at(500))], orders: [anOrder('o1', { readyAt: 120 })] });

  it('keeps the courier free while it can still arrive as the food is ready', () => {
    const decisions = decide(snapshotAt(100));
    expect(decisions.assignments).toEqual([]);
    expect(decisions.deferred).toEqual([expect.objectContaining({ orderId: 'o1', plannedCourierId: 'a' })]);
    expect(decisions.deferred[0].reason).toMatch(/leaves at 113/);
  });

  it('sends it when waiting one more round would make it late (5 min ride, 2 min pickup service)', () => {
    expect(decide(snapshotAt(112)).assignments).toEqual([]);
    const [assignment] = decide(snapshotAt(113)).assignments;
    expect(assignment).toMatchObject({ courierId: 'a', orderIds: ['o1'], expectedPickupAt: 120 });
  });
});

describe('RollingHorizonPolicy: choosing the courier', () => {
  it('waits for a courier finishing next door rather than sending an idle one from far away', () => {
    const soon = aCourier('soon', at(100), { status: { kind: 'delivering', availableAt: 102, availableFrom: at(100) } });
    const decisions = decide(aSnapshot({ couriers: [aCourier('far', at(1500)), soon], orders: [anOrder('o1')] }));
    expect(decisions.assignments).toEqual([]);
    expect(decisions.deferred[0]).toMatchObject({ orderId: 'o1', plannedCourierId: 'soon' });
  });

  it('adds an order to the courier already heading to that restaurant', () => {
    const heading = aCourier('heading', at(0), {
      status: { kind: 'heading-to-pickup', pickupGroup: 'r1', pickup: at(0), arrivesAt: 104, orders: [{ id: 'held', dropoff: at(1000), placedAt: 90, readyAt: 104 }] },
    });
    const decisions = decide(aSnapshot({ couriers: [heading, aCourier('idle', at(1200))], orders: [anOrder('o2', { readyAt: 103, dropoff: at(1000, 100) })] }));
    expect(decisions.assignments).toHaveLength(1);
    const [assignment] = decisions.assignments;
    expect(assignment).toMatchObject({ courierId: 'heading', newOrderIds: ['o2'] });
    expect([...assignment.orderIds].sort()).toEqual(['held', 'o2']);
    expect(assignment.reason).toMatch(/already heading to r1/);
  });

  it('serves an order already past its click-to-door target before a fresh one', () => {
    const late = anOrder('late', { placedAt: 60, restaurantId: 'r2', pickup: at(600) });
    const fresh = anOrder('fresh', { placedAt: 95 });
    const decisions = decide(aSnapshot({ couriers: [aCourier('only', at(0))], orders: [fresh, late] }));
    expect(decisions.assignments.map((a) => a.orderIds)).toEqual([['late']]);
    expect(decisions.assignments[0].reason).toMatch(/urgent/);
    expect(decisions.deferred.find((d) => d.orderId === 'fresh')?.reason).toMatch(/more urgent/);
  });

  it('never offers an order again to a courier who declined it', () => {
    const decisions = decide(aSnapshot({ couriers: [aCourier('declined', at(100)), aCourier('other', at(600))], orders: [anOrder('o1', { excludedCourierIds: ['declined'] })] }));
    expect(decisions.assignments.map((a) => a.courierId)).toEqual(['other']);
    expect(decisions.assignments[0].candidates.map((c) => c.courierId)).not.toContain('declined');
  });

  it('does not choose a courier whose shift ends before the pickup', () => {
    const decisions = decide(aSnapshot({ couriers: [aCourier('leaving', at(100), { shiftEndsAt: 101 }), aCourier('staying', at(700))], orders: [anOrder('o1')] }));
    expect(decisions.assignments.map((a) => a.courierId)).toEqual(['staying']);
  });

  it('explains when no courier can take an order', () => {
    const decisions = decide(aSnapshot({ couriers: [aCourier('leaving', at(100), { shiftEndsAt: 101 })], orders: [anOrder('o1')] }));
    expect(decisions.deferred[0].reason).toMatch(/no courier on shift/);
  });
});

describe('RollingHorizonPolicy: bundling', () => {
  const fourOrders = [0, 1, 2, 3].map((i) => anOrder(`o${i}`, { dropoff: at(1000, i * 40) }));

  it('bundles orders of one restaurant when couriers are scarce', () => {
    const decisions = decide(aSnapshot({ couriers: [aCourier('only', at(100))], orders: fourOrders }));
    expect(decisions.assignments).toHaveLength(1);
    expect([...decisions.assignments[0].orderIds].sort()).toEqual(['o0', 'o1', 'o2', 'o3']);
    expect(decisions.assignments[0].reason).toMatch(/bundled/);
  });

  it('sends orders to opposite sides of town separately when couriers are plentiful', () => {
    const east = anOrder('east', { dropoff: at(1500) });
    const west = anOrder('west', { dropoff: at(-1500) });
    const couriers = ['a', 'b', 'c', 'd'].map((id, i) => aCourier(id, at(100 + i * 10)));
    const decisions = decide(aSnapshot({ couriers, orders: [east, west] }));
    expect(decisions.assignments.map((a) => a.orderIds.length)).toEqual([1, 1]);
  });
});

describe('RollingHorizonPolicy: fairness', () => {
  const rich = aCourier('rich', at(0, 500), { shiftEndsAt: 200, earningsToday: 100, ordersToday: 10 });
  const poor = aCourier('poor', at(0, -500), { shiftEndsAt: 200, earningsToday: 0, ordersToday: 0 });

  it('gives a close call to the courier earning less per shift-hour, and logs the term', () => {
    const decisions = decide(aSnapshot({ couriers: [rich, poor], orders: [anOrder('o1')], weights: { fairness: 10 } }));
    const [assignment] = decisions.assignments;
    expect(assignment.courierId).toBe('poor');
    const terms = Object.fromEntries(assignment.candidates.map((c) => [c.courierId, c.terms.fairness]));
    expect(terms.rich).toBeGreaterThan(0);
    expect(terms.poor).toBeLessThan(0);
    expect(assignment.reason).toMatch(/fairness/);
  });

  it('lets speed win when the fairer courier is much further away', () => {
    const farPoor = { ...poor, position: at(0, -3000) };
    const decisions = decide(aSnapshot({ couriers: [rich, farPoor], orders: [anOrder('o1')], weights: { fairness: 2 } }));
    expect(decisions.assignments[0].courierId).toBe('rich');
  });
});

describe('RollingHorizonPolicy: determinism', () => {
  it('decides the same way twice on the same snapshot', () => {
    const snapshot = aSnapshot({
      couriers: ['a', 'b', 'c'].map((id, i) => aCourier(id, at(i * 300, 200))),
      orders: [anOrder('o1'), anOrder('o2', { restaurantId: 'r2', pickup: at(800) }), anOrder('o3', { readyAt: 104 })],
      weights: { fairness: 5 },
    });
    expect(decide(snapshot)).toEqual(decide(snapshot));
  });
});
