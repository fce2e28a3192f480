import { fairnessOf } from './fairness-figures';

const row = (jobs: number, shiftHours: number, earnings: number) => ({ jobs, shiftSeconds: shiftHours * 3600, earnings: { amount: earnings, currency: 'EUR' } });

describe('fairnessOf', () => {
  it('compares jobs and earnings per hour on shift', () => {
    // Per hour: jobs 2, 2, 2 (even); earnings 1000, 2000, 3000 → G = (2·(1·1000+2·2000+3·3000))/(3·6000) − 4/3 = 2/9.
    const figures = fairnessOf([row(4, 2, 2000), row(2, 1, 2000), row(6, 3, 9000)]);
    expect(figures.jobsPerShiftHour).toBeCloseTo(0);
    expect(figures.earningsPerShiftHour).toBeCloseTo(2 / 9);
  });

  it('leaves out couriers with no time on shift', () => {
    expect(fairnessOf([row(3, 1, 900), row(0, 0, 0)])).toEqual({ jobsPerShiftHour: 0, earningsPerShiftHour: 0 });
  });
});
