import { runNearestCouriers } from '../../bench/scenarios/nearest-couriers';
import { expectPercentiles, header, smokeFolder } from './support';

// A seconds-long run of `npm run bench:nearest-couriers`: the shape of the results only.
describe('bench: nearest couriers (smoke)', () => {
  const folder = smokeFolder();
  afterAll(() => folder.remove());

  it('times the production queries and the bare commands at each size and writes nearest-couriers.json', async () => {
    await runNearestCouriers({ sizes: [200, 1000], samples: 20, resultsFolder: folder.path, command: 'smoke' });
    const result = folder.read('nearest-couriers');
    expect(result).toMatchObject({ ...header, scenario: 'nearest-couriers', target: { couriers: 100_000, p99Ms: 2 } });
    expect(result.sizes.map((size: { couriers: number }) => size.couriers)).toEqual([200, 1000]);
    for (const size of result.sizes) {
      expect(size.withinRadius).toBeGreaterThan(0);
      for (const query of [size.nearest, size.allFresh]) {
        expectPercentiles(query.ms);
        expectPercentiles(query.baselineMs);
        expect(query.ratioP99).toBeGreaterThan(0);
      }
    }
  });
});
