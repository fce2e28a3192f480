import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_COOP_WEIGHTS } from '@lib/dispatch-policy';
import { runInstance } from './run-instance';
import { sharedMdrpInstance, SISTER_INSTANCE, SMOKE_INSTANCE } from './testing/shared-instance';

describe('replaying a shared MDRP day (smoke)', () => {
  let out: string;
  beforeAll(() => (out = mkdtempSync(join(tmpdir(), 'sim-smoke-'))));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const run = (policyName: string, declineRate = 0, seed = 0, workOutlookFrom?: string) =>
    runInstance({
      instanceFolder: sharedMdrpInstance(SMOKE_INSTANCE),
      outFolder: join(out, `${policyName}-${declineRate}-${workOutlookFrom ? 'outlook' : 'none'}`),
      policyName,
      fairnessWeight: DEFAULT_COOP_WEIGHTS.fairness,
      fairnessTarget: DEFAULT_COOP_WEIGHTS.fairnessTarget,
      declineRate,
      seed,
      workOutlookFrom,
    });

  it.each(['rolling-horizon', 'greedy'])('%s writes a feasible solution that delivers every order', (policyName) => {
    const result = run(policyName);
    expect(result.feasibility.violations).toEqual([]);
    expect(result.metrics.delivered).toBe(result.metrics.orders);
  });

  it('beats the greedy baseline on click-to-door on this day', () => {
    expect(run('rolling-horizon').metrics.clickToDoorMean).toBeLessThan(run('greedy').metrics.clickToDoorMean);
  });

  it('evens out order earnings per shift-hour better than the greedy baseline', () => {
    expect(run('rolling-horizon').metrics.giniOrderEarningsPerShiftHour).toBeLessThan(run('greedy').metrics.giniOrderEarningsPerShiftHour);
  });

  it('takes a work outlook learnt from another day into its decisions and stays feasible', () => {
    const withOutlook = run('rolling-horizon', 0, 0, sharedMdrpInstance(SISTER_INSTANCE));
    expect(withOutlook.feasibility.violations).toEqual([]);
    expect(withOutlook.metrics.delivered).toBe(withOutlook.metrics.orders);
    expect(withOutlook.metrics.giniOrderEarningsPerShiftHour).not.toBe(run('rolling-horizon').metrics.giniOrderEarningsPerShiftHour);
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
