import { runIntake } from '../../bench/scenarios/intake';
import { expectPercentiles, header, smokeFolder } from './support';

// A seconds-long run of `npm run bench:intake` (built API process), so the bench cannot rot.
// It checks the shape of the results only: timings on a shared machine prove nothing.
describe('bench: intake (smoke)', () => {
  const folder = smokeFolder();
  afterAll(() => folder.remove());

  it('measures the API and its baseline at each concurrency and writes intake.json', async () => {
    await runIntake({ clients: [1, 8], seconds: 1, warmupSeconds: 0.2, resultsFolder: folder.path, command: 'smoke' });
    const result = folder.read('intake');
    expect(result).toMatchObject({ ...header, scenario: 'intake', targets: expect.objectContaining({ clients: 32 }) });
    expect(result.levels.map((level: { clients: number }) => level.clients)).toEqual([1, 8]);
    for (const level of result.levels) {
      for (const figures of [level.api, level.baseline]) {
        expect(figures.operations).toBeGreaterThan(0);
        expect(figures.perSecond).toBeGreaterThan(0);
        expect(Number.isInteger(figures.errors)).toBe(true);
        expectPercentiles(figures.latencyMs);
      }
      expect(level.ratio).toBeGreaterThan(0);
    }
  });
});
