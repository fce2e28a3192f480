import { aCourier, aSnapshot, at } from '../testing/snapshot-factory';
import { fairnessTerm } from './fairness-term';

describe('fairnessTerm: what it evens out', () => {
  // Both one hour into a two-hour shift, both under a 15/h guarantee: one job done (10) against none.
  const couriers = [
    aCourier('one-job', at(0), { shiftEndsAt: 160, onShiftMinutesToday: 60, ordersToday: 1, earningsToday: 10 }),
    aCourier('no-job', at(0), { shiftEndsAt: 160, onShiftMinutesToday: 60, ordersToday: 0, earningsToday: 0 }),
  ];

  it('by default (guaranteed pay) ignores work that only fills couriers up to the guarantee', () => {
    const term = fairnessTerm(aSnapshot({ couriers, weights: { fairness: 10, guaranteedHourlyPay: 15 } }));
    expect(term('one-job', 1)).toBe(0);
    expect(term('no-job', 1)).toBe(0);
  });

  it("with the order-earnings target, steers work to the courier with the lower order earnings per shift-hour", () => {
    const term = fairnessTerm(aSnapshot({ couriers, weights: { fairness: 10, guaranteedHourlyPay: 15, fairnessTarget: 'order-earnings' } }));
    expect(term('one-job', 1)).toBeGreaterThan(0);
    expect(term('no-job', 1)).toBeLessThan(term('one-job', 1));
  });
});
