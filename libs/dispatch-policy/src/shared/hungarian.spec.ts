import { solveAssignment } from './hungarian';

describe('solveAssignment', () => {
  it('finds the cheapest one-to-one matching, not the row-by-row greedy one', () => {
    // Greedy would give row 0 column 0 (1) and row 1 column 1 (100): 101.
    const cost = [
      [1, 2],
      [3, 100],
    ];
    expect(solveAssignment(cost)).toEqual([1, 0]);
  });

  it('leaves surplus columns unused when there are more columns than rows', () => {
    expect(solveAssignment([[5, 1, 9]])).toEqual([1]);
  });

  it('matches brute force on random square problems', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 16807) % 2147483647) % 100);
    for (let trial = 0; trial < 20; trial++) {
      const cost = Array.from({ length: 5 }, () => Array.from({ length: 5 }, next));
      const total = (cols: number[]) => cols.reduce((s, c, r) => s + cost[r][c], 0);
      expect(total(solveAssignment(cost))).toBe(bruteForceMinimum(cost));
    }
  });
});

function bruteForceMinimum(cost: number[][]): number {
  const n = cost.length;
  let best = Infinity;
  const walk = (row: number, used: Set<number>, sum: number) => {
    if (row === n) return void (best = Math.min(best, sum));
    for (let col = 0; col < n; col++) {
      if (used.has(col)) continue;
      used.add(col);
      walk(row + 1, used, sum + cost[row][col]);
      used.delete(col);
    }
  };
  walk(0, new Set(), 0);
  return best;
}
