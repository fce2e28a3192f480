import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_COOP_WEIGHTS } from '@lib/dispatch-policy';
import { runInstance } from './run-instance';
import { sharedMdrpInstance } from './testing/shared-instance';

/**
 * The production policy's solution for every shared day passes the public evaluator's rules
 * (each order once, nothing before placement, pickups after ready and before off-time,
 * drop-offs in sequence, no teleporting, the courier where each stop says). A policy change
 * that breaks a rule of the day on any instance fails here, not only in the benchmark.
 */
describe('every shared MDRP day', () => {
  const days = readdirSync(join(sharedMdrpInstance('.'))).filter((name) => /^0[or]\d+t\d+s\d+p\d+$/.test(name));
  let out: string;
  beforeAll(() => (out = mkdtempSync(join(tmpdir(), 'sim-days-'))));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('finds the 24 shared days', () => {
    expect(days).toHaveLength(24);
  });

  it.each(days)('%s: the rolling-horizon solution is feasible', (day) => {
    const result = runInstance({
      instanceFolder: sharedMdrpInstance(day),
      outFolder: join(out, day),
      policyName: 'rolling-horizon',
      fairnessWeight: DEFAULT_COOP_WEIGHTS.fairness,
      declineRate: 0,
      seed: 0,
    });
    expect(result.feasibility.violations).toEqual([]);
  });
});
