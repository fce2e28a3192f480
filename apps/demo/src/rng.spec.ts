import { hashString, Rng } from './rng';

describe('Rng', () => {
  it('repeats the same draws for the same seed', () => {
    const draws = (seed: number) => Array.from({ length: 5 }, (_, i) => new Rng(seed).fork(`bot-${i}`).next());
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
  });

  it('stays in range', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 2000; i += 1) {
      const value = rng.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      const int = rng.int(3, 5);
      expect([3, 4, 5]).toContain(int);
    }
  });

  it('forks independent streams: drawing from one does not change another', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    a.fork('x').next();
    a.fork('x').next();
    expect(a.fork('y').next()).toBe(b.fork('y').next());
    expect(a.fork('x').next()).not.toBe(a.fork('y').next());
  });

  it('gives about the asked share of chances and a centred gaussian', () => {
    const rng = new Rng(3);
    const n = 20_000;
    let hits = 0;
    let sum = 0;
    for (let i = 0; i < n; i += 1) {
      if (rng.chance(0.1)) hits += 1;
      sum += rng.gaussian(5);
    }
    expect(hits / n).toBeCloseTo(0.1, 1);
    expect(Math.abs(sum / n)).toBeLessThan(0.2);
  });

  it('hashes strings stably', () => {
    expect(hashString('valence')).toBe(hashString('valence'));
    expect(hashString('valence')).not.toBe(hashString('lyon'));
  });
});

describe('Rng.fork', () => {
  it('gives uncorrelated streams to similar names (couriers 01..40)', () => {
    const root = new Rng(2026);
    for (let draw = 0; draw < 4; draw += 1) {
      const column = Array.from({ length: 40 }, (_, i) => {
        const stream = root.fork(`courier${String(i + 1).padStart(2, '0')}`);
        for (let skip = 0; skip < draw; skip += 1) stream.next();
        return stream.next();
      });
      const low = column.filter((value) => value < 0.1).length;
      expect(low).toBeLessThanOrEqual(12); // ~4 expected; a correlated column gives many more
      const mean = column.reduce((sum, value) => sum + value, 0) / column.length;
      expect(mean).toBeGreaterThan(0.3);
      expect(mean).toBeLessThan(0.7);
    }
  });
});
