import { runDecision } from '../../bench/scenarios/decision';
import { expectPercentiles, header, smokeFolder } from './support';

// A seconds-long run of `npm run bench:decision`: the shape of the results only.
describe('bench: a big co-op decision (smoke)', () => {
  const folder = smokeFolder();
  afterAll(() => folder.remove());

  it('times DispatchRun, the snapshot and the policy alone at each size and writes decision.json', async () => {
    await runDecision({ sizes: [4, 8], orders: 6, samples: 2, warmup: 1, fullMatchingSamples: 1, resultsFolder: folder.path, command: 'smoke' });
    const result = folder.read('decision');
    expect(result).toMatchObject({ ...header, scenario: 'decision', target: { couriers: 1000, waitingOrders: 300, p99Ms: 250 } });
    expect(result.sizes.map((size: { couriers: number; waitingOrders: number }) => [size.couriers, size.waitingOrders])).toEqual([[4, 6], [8, 6]]);
    for (const size of result.sizes) {
      expect(size.offered).toBeGreaterThanOrEqual(0);
      expect(size.offered).toBeLessThanOrEqual(6);
      for (const figures of [size.runMs, size.snapshotMs, size.policyMs, size.fullMatching.policyMs]) expectPercentiles(figures);
      expect(size.fullMatching.sameOffers).toBeLessThanOrEqual(size.fullMatching.offers);
    }
  });
});
