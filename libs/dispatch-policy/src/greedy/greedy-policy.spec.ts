import { aCourier, anOrder, aSnapshot, at } from '../testing/snapshot-factory';
import { GreedyPolicy } from './greedy-policy';
import { seededRng } from '../model/rng';
import { DispatchPolicy } from '../model/policy';
import { DispatchSnapshot } from '../model/snapshot';

const policy: DispatchPolicy = new GreedyPolicy();
const decide = (snapshot: DispatchSnapshot) => policy.decide(snapshot, { rng: seededRng(1) });

describe('GreedyPolicy', () => {
  it('gives each order to the nearest idle courier at once, and says so', () => {
    const decisions = decide(aSnapshot({ couriers: [aCourier('far', at(900)), aCourier('near', at(200))], orders: [anOrder('o1', { readyAt: 130 })] }));
    expect(decisions.assignments).toHaveLength(1);
    const [assignment] = decisions.assignments;
    expect(assignment).toMatchObject({ courierId: 'near', orderIds: ['o1'], pickupGroup: 'r1' });
    expect(assignment.reason).toContain('nearest idle courier');
    expect(assignment.candidates.map((c) => c.courierId)).toEqual(['near', 'far']);
  });

  it('serves the oldest order first and never gives one courier two orders', () => {
    const orders = [anOrder('new', { placedAt: 95 }), anOrder('old', { placedAt: 80 })];
    const decisions = decide(aSnapshot({ couriers: [aCourier('only', at(100))], orders }));
    expect(decisions.assignments.map((a) => a.orderIds)).toEqual([['old']]);
    expect(decisions.deferred.map((d) => d.orderId)).toEqual(['new']);
  });

  it('skips a courier who declined the order', () => {
    const decisions = decide(aSnapshot({ couriers: [aCourier('near', at(100)), aCourier('far', at(800))], orders: [anOrder('o1', { excludedCourierIds: ['near'] })] }));
    expect(decisions.assignments[0].courierId).toBe('far');
  });

  it('ignores busy couriers and couriers whose shift ends before they could pick up', () => {
    const busy = aCourier('busy', at(0), { status: { kind: 'delivering', availableAt: 101, availableFrom: at(0) } });
    const leaving = aCourier('leaving', at(500), { shiftEndsAt: 103 });
    const decisions = decide(aSnapshot({ couriers: [busy, leaving], orders: [anOrder('o1')] }));
    expect(decisions.assignments).toEqual([]);
    expect(decisions.deferred[0].reason).toMatch(/no idle courier/);
  });
});
