/**
 * Gini coefficient of non-negative values: 0 = everyone equal, → 1 = one has all.
 * The one definition of "how unevenly work or pay is shared": the replay lab measures the
 * dispatch policy with it and the members' fairness report shows it, so the two agree.
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const total = values.reduce((s, v) => s + v, 0);
  if (n === 0 || total === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const weighted = sorted.reduce((s, v, i) => s + (i + 1) * v, 0);
  return (2 * weighted) / (n * total) - (n + 1) / n;
}
