import { gini } from './gini';

describe('gini', () => {
  it('is 0 when everyone has the same, and when nobody has anything', () => {
    expect(gini([5, 5, 5, 5])).toBeCloseTo(0);
    expect(gini([0, 0, 0])).toBe(0);
    expect(gini([])).toBe(0);
  });

  it('is (n-1)/n when one has all', () => {
    expect(gini([0, 0, 0, 8])).toBeCloseTo(3 / 4);
  });

  it('matches the mean absolute difference over twice the mean, whatever the order', () => {
    // |1-2|+|1-3|+|2-3| = 4 over the 3 unordered pairs; mean 2: G = (2*4)/(2*3*3*2) = 2/9.
    expect(gini([3, 1, 2])).toBeCloseTo(2 / 9);
  });
});
