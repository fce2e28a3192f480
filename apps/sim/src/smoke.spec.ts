import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_COOP_WEIGHTS } from '@lib/dispatch-policy';
import { runInstance } from './run-instance';
import { sharedMdrpInstance, SMOKE_INSTANCE } from './testing/shared-instance';

describe('replaying a shared MDRP day (smoke)', () => {
  let out: string;
  beforeAll(() => (out = mkdtempSync(join(tmpdir(), 'sim-smoke-'))));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const run = (policyName: string, declineRate = 0, seed = 0) =>
    runInstance({
      instanceFolder: sharedMdrpInstance(SMOKE_INSTANCE),
      outFolder: join(out, `${policyName}-${declineRate}`),
      policyName,
      fairnessWeight: DEFAULT_COOP_WEIGHTS.fairness,
      declineRate,
      seed,
    });

  it.each(['rolling-horizon', 'greedy'])('%s writes a feasible solution that delivers every order', (policyName) => {
    const result = run(policyName);
    expect(result.feasibility.violations).toEqual([]);
    expect(result.metrics.delivered).toBe(result.metrics.orders);
  });

  it('beats the greedy baseline on click-to-door on this day', () => {
    expect(run('rolling-horizon').metrics.clickToDoorMean).toBeLessThan(run('greedy').metrics.clickToDoorMean);
  });

  it('re-offers declined orders to other couriers and still delivers everything', () => {
    const result = run('rolling-horizon', 0.3, 7);
    expect(result.offers.declined).toBeGreaterThan(20);
    expect(result.feasibility.violations).toEqual([]);
    expect(result.metrics.delivered).toBe(result.metrics.orders);
  });

  it('replays the same day identically with the same seed', () => {
    const first = run('rolling-horizon', 0.2, 3);
    const second = run('rolling-horizon', 0.2, 3);
    expect(second.metrics).toEqual(first.metrics);
    expect(second.offers).toEqual(first.offers);
  });
});
