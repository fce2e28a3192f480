import { runTrackingFanout } from '../../bench/scenarios/tracking-fanout';
import { expectPercentiles, header, smokeFolder } from './support';

// A seconds-long run of `npm run bench:tracking` (needs `npm run bench:build` for the built
// gateway and the relay, as `npm test` does): the shape of the results only.
describe('bench: tracking fan-out (smoke)', () => {
  const folder = smokeFolder();
  afterAll(() => folder.remove());

  it('sends positions through two gateways and a bare relay in both forms and writes tracking-fanout.json', async () => {
    await runTrackingFanout({ couriers: 20, intervalSeconds: 1, dispatchers: 2, gateways: 2, seconds: 2, warmupSeconds: 1, modes: ['single', 'batch'], resultsFolder: folder.path, command: 'smoke' });
    const result = folder.read('tracking-fanout');
    expect(result).toMatchObject({ ...header, scenario: 'tracking-fanout', target: { couriers: 10_000, singleModeP99Ms: 100, tierCores: 1 } });
    expect(result.runs.map((run: { server: string; mode: string }) => `${run.server}/${run.mode}`)).toEqual([
      'gateway/single',
      'gateway/batch',
      'raw socket.io relay/single',
      'raw socket.io relay/batch',
    ]);
    for (const run of result.runs) {
      expect(run.couriersConnected).toBe(20);
      expect(run.dispatchersConnected).toBe(2);
      expect(run.positionsInPerSecond).toBeGreaterThan(0);
      expect(run.positionsOutPerDispatcherPerSecond).toBeGreaterThan(0);
      expectPercentiles(run.latencyMs);
      expect(run.serverCoresPerInstance).toHaveLength(2);
      for (const cores of [run.serverCores, run.redisCores, run.loadGeneratorCores]) expect(cores).toBeGreaterThanOrEqual(0);
    }
  });
});
