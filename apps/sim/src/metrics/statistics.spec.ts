import { gini, mean, percentile } from './statistics';

describe('statistics', () => {
  it('gives a Gini of 0 when everyone earns the same and (n-1)/n when one earns all', () => {
    expect(gini([5, 5, 5, 5])).toBeCloseTo(0);
    expect(gini([0, 0, 0, 8])).toBeCloseTo(3 / 4);
  });

  it('takes the nearest-rank percentile', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 50)).toBe(5);
    expect(mean(values)).toBe(5.5);
  });
});
