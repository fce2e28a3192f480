import { aCourier, aSnapshot, at } from '../testing/snapshot-factory';
import { fairnessTerm } from './fairness-term';

describe('fairnessTerm', () => {
  describe('what it evens out', () => {
    // Both one hour into a two-hour shift, both under a 15/h guarantee: one job done (10) against none.
    const couriers = [
      aCourier('one-job', at(0), { shiftEndsAt: 160, onShiftMinutesToday: 60, ordersToday: 1, earningsToday: 10 }),
      aCourier('no-job', at(0), { shiftEndsAt: 160, onShiftMinutesToday: 60, ordersToday: 0, earningsToday: 0 }),
    ];

    it('by default (order earnings), steers work to the courier with the lower order earnings per shift-hour', () => {
      const term = fairnessTerm(aSnapshot({ couriers, weights: { fairness: 10, guaranteedHourlyPay: 15 } }));
      expect(term('one-job', 1)).toBeGreaterThan(0);
      expect(term('no-job', 1)).toBeLessThan(term('one-job', 1));
    });

    it('with the guaranteed-pay target, ignores work that only fills couriers up to the guarantee', () => {
      const term = fairnessTerm(aSnapshot({ couriers, weights: { fairness: 10, guaranteedHourlyPay: 15, fairnessTarget: 'guaranteed-pay' } }));
      expect(term('one-job', 1)).toBe(0);
      expect(term('no-job', 1)).toBe(0);
    });
  });

  describe('what it expects the rest of a shift to bring', () => {
    // now = 100. "leaving" is 15 minutes into a 45-minute shift without a job yet; "staying"
    // has one job an hour into a four-hour shift; a third courier sets the co-op's pace.
    const couriers = [
      aCourier('leaving', at(0), { shiftEndsAt: 130, onShiftMinutesToday: 15, ordersToday: 0, earningsToday: 0 }),
      aCourier('staying', at(0), { shiftEndsAt: 280, onShiftMinutesToday: 60, ordersToday: 1, earningsToday: 10 }),
      aCourier('pace', at(0), { shiftEndsAt: 280, onShiftMinutesToday: 120, ordersToday: 4, earningsToday: 40 }),
    ];
    const weights = { fairness: 10 };

    it('without a decided window, projects the pace so far up to the end of every shift', () => {
      const term = fairnessTerm(aSnapshot({ couriers, weights }), 0);
      expect(term('staying', 1)).toBeLessThan(term('leaving', 1));
    });

    it('counts nothing for the minutes this decision hands out: a courier about to leave gets its job now', () => {
      const term = fairnessTerm(aSnapshot({ couriers, weights }), 15);
      expect(term('leaving', 1)).toBeLessThan(term('staying', 1));
    });

    it("with a work outlook, projects the co-op's expected jobs instead of its pace so far", () => {
      // Quiet now, a rush after "leaving" has gone: "staying" will have plenty of work then.
      const workOutlook = { startsAt: 0, slotMinutes: 60, jobsPerCourierHour: [0, 0.5, 0.5, 4, 4] };
      const withPace = fairnessTerm(aSnapshot({ couriers, weights }), 15);
      const withOutlook = fairnessTerm(aSnapshot({ couriers, weights, workOutlook }), 15);
      expect(withOutlook('staying', 1)).toBeGreaterThan(withPace('staying', 1));
      expect(withOutlook('leaving', 1)).toBeLessThan(withOutlook('staying', 1));
    });
  });
});
