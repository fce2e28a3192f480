import { runOrderToOffer } from '../../bench/scenarios/order-to-offer';
import { expectPercentiles, header, smokeFolder } from './support';

// A seconds-long run of `npm run bench:order-to-offer` (and of `bench:memory`, the same for ten
// minutes) against the built processes, as `npm test` builds them: the shape of the results,
// and that every order placed reached a courier as an offer.
describe('bench: order to offer (smoke)', () => {
  const folder = smokeFolder();
  afterAll(() => folder.remove());

  it('offers every order of a short open-loop run to a connected courier and writes order-to-offer.json', async () => {
    await runOrderToOffer({
      cooperatives: 2,
      couriersPerCooperative: 4,
      ordersPerSecond: 4,
      seconds: 3,
      warmupSeconds: 1,
      positionIntervalSeconds: 1,
      quietOrders: 2,
      rideSeconds: 1,
      memorySampleSeconds: 1,
      resultsFolder: folder.path,
      command: 'smoke',
    });
    const result = folder.read('order-to-offer');
    expect(result).toMatchObject({ ...header, scenario: 'order-to-offer', target: { ordersPerSecond: 50, cooperatives: 20, couriers: 2000, p99Ms: 250 } });
    expect(result.quiet.orders).toBe(2);
    expectPercentiles(result.quiet.latencyMs);
    expect(result.load).toMatchObject({ placed: 12, errors: 0, offered: 12, notOfferedWithin15s: 0 });
    expect(result.load.accepted).toBeGreaterThanOrEqual(12);
    expect(result.load.delivered).toBeGreaterThan(0);
    expectPercentiles(result.load.latencyMs);
    expect(result.processes.map((series: { process: string }) => series.process)).toEqual(['api', 'tracking', 'dispatcher']);
    for (const series of result.processes) {
      expect(series.samples.length).toBeGreaterThanOrEqual(2);
      expect(series.startMb).toBeGreaterThan(10);
      expect(series.maxMb).toBeGreaterThanOrEqual(series.endMb);
      expect(Number.isFinite(series.secondHalfGrowthMbPerMinute)).toBe(true);
      expect(series.cpuCores).toBeGreaterThanOrEqual(0);
    }
  });
});
