/**
 * Prints a block of figures so it shows in the test output (and in CI's log), e.g.
 * `report('tenant sweep', { requests: 355, leaks: 0 })`. Failures are listed one a line.
 */
export function report(title: string, figures: Record<string, number | string>, failures: string[] = []): void {
  const lines = [`[reliability] ${title}`, ...Object.entries(figures).map(([name, value]) => `  ${name}: ${value}`)];
  if (failures.length) lines.push(`  failures (${failures.length}):`, ...failures.slice(0, 40).map((failure) => `    - ${failure}`));
  if (failures.length > 40) lines.push(`    … and ${failures.length - 40} more`);
  console.log(lines.join('\n'));
}
