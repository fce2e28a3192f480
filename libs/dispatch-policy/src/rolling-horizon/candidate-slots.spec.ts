import { DispatchPolicy } from '../model/policy';
import { seededRng } from '../model/rng';
import { DispatchSnapshot } from '../model/snapshot';
import { aCourier, anOrder, aSnapshot, at } from '../testing/snapshot-factory';
import { DEFAULT_ROLLING_HORIZON_CONFIG } from './config';
import { RollingHorizonPolicy } from './rolling-horizon-policy';

const full: DispatchPolicy = new RollingHorizonPolicy();
const prefiltered: DispatchPolicy = new RollingHorizonPolicy({ ...DEFAULT_ROLLING_HORIZON_CONFIG, prefilterAboveSlots: 3, prefilterSlotsPerBundle: 2, candidateSlotsPerBundle: 3 });
const decide = (policy: DispatchPolicy, snapshot: DispatchSnapshot) => policy.decide(snapshot, { rng: seededRng(1) });

/** A city block of couriers and restaurants: couriers on a 6 × 5 grid, 12 orders from 4 restaurants, all ready now. */
function bigSnapshot(): DispatchSnapshot {
  const couriers = Array.from({ length: 30 }, (_, i) => aCourier(`c${String(i).padStart(2, '0')}`, at((i % 6) * 700, Math.floor(i / 6) * 700)));
  const restaurants = [at(300, 300), at(3000, 200), at(1500, 2500), at(200, 2800)];
  const orders = Array.from({ length: 12 }, (_, i) =>
    anOrder(`o${String(i).padStart(2, '0')}`, { restaurantId: `r${i % 4}`, pickup: restaurants[i % 4], dropoff: at(400 + i * 250, 3000 - i * 200), placedAt: 95, readyAt: 100 }),
  );
  return aSnapshot({ couriers, orders });
}

describe('RollingHorizonPolicy: the nearest-k prefilter', () => {
  it('decides as the full matching when the nearest couriers are the ones it would choose', () => {
    const snapshot = bigSnapshot();
    const withPrefilter = decide(prefiltered, snapshot);
    const withoutPrefilter = decide(full, snapshot);
    expect(withPrefilter.assignments.map((a) => [a.courierId, a.newOrderIds])).toEqual(withoutPrefilter.assignments.map((a) => [a.courierId, a.newOrderIds]));
    expect(withPrefilter.assignments.length + withPrefilter.deferred.length).toBe(12);
  });

  it('scores only the k nearest couriers of each restaurant, which the dispatch log lists', () => {
    const snapshot = bigSnapshot();
    for (const assignment of decide(prefiltered, snapshot).assignments) expect(assignment.candidates.length).toBeLessThanOrEqual(3);
    expect(decide(full, snapshot).assignments[0].candidates.length).toBeGreaterThan(3);
  });

  it('scores every courier when bundles are about as many as couriers', () => {
    const couriers = Array.from({ length: 6 }, (_, i) => aCourier(`c${i}`, at(i * 400)));
    const orders = Array.from({ length: 4 }, (_, i) => anOrder(`o${i}`, { restaurantId: `r${i}`, pickup: at(i * 600) }));
    const decisions = decide(prefiltered, aSnapshot({ now: 120, couriers, orders }));
    expect(decisions.assignments.some((assignment) => assignment.candidates.length > 3)).toBe(true);
  });

  it('skips couriers who turned the order down, so it still gets k candidates', () => {
    const couriers = [aCourier('near', at(100)), aCourier('b', at(300)), aCourier('c', at(500)), aCourier('d', at(700)), aCourier('far', at(3000))];
    const decisions = decide(prefiltered, aSnapshot({ now: 120, couriers, orders: [anOrder('o1', { excludedCourierIds: ['near'] })] }));
    expect(decisions.assignments).toEqual([expect.objectContaining({ courierId: 'b' })]);
  });
});
