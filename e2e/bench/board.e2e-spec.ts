import { runBoard } from '../../bench/scenarios/board';
import { expectPercentiles, header, smokeFolder } from './support';

// A seconds-long run of `npm run bench:board`: the shape of the results only.
describe('bench: dispatch board (smoke)', () => {
  const folder = smokeFolder();
  afterAll(() => folder.remove());

  it('times the board and its baseline at each size and writes board.json', async () => {
    await runBoard({ sizes: [10, 30], couriers: 5, samples: 3, resultsFolder: folder.path, command: 'smoke' });
    const result = folder.read('board');
    expect(result).toMatchObject({ ...header, scenario: 'board', target: { activeOrders: 1000, p50Ms: 300 } });
    expect(result.sizes.map((size: { activeOrders: number; couriers: number }) => [size.activeOrders, size.couriers])).toEqual([[10, 5], [30, 5]]);
    for (const size of result.sizes) {
      expect(size.responseBytes).toBeGreaterThan(0);
      expectPercentiles(size.latencyMs);
      expectPercentiles(size.baselineMs);
    }
  });
});
