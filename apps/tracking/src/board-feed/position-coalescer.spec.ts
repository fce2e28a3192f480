import { PositionCoalescer } from './position-coalescer';

const at = (second: number) => new Date(Date.UTC(2026, 10, 22, 12, 0, second)).toISOString();

describe('PositionCoalescer', () => {
  it('keeps the latest position per courier, grouped by cooperative', () => {
    const coalescer = new PositionCoalescer();
    coalescer.add('coop-a', { courierId: 'c1', lat: 1, lng: 1, at: at(1) });
    coalescer.add('coop-a', { courierId: 'c1', lat: 2, lng: 2, at: at(2) });
    coalescer.add('coop-a', { courierId: 'c2', lat: 5, lng: 5, at: at(1) });
    coalescer.add('coop-b', { courierId: 'c3', lat: 9, lng: 9, at: at(1) });
    expect(coalescer.drain()).toEqual([
      { cooperativeId: 'coop-a', positions: [{ courierId: 'c1', lat: 2, lng: 2, at: at(2) }, { courierId: 'c2', lat: 5, lng: 5, at: at(1) }] },
      { cooperativeId: 'coop-b', positions: [{ courierId: 'c3', lat: 9, lng: 9, at: at(1) }] },
    ]);
  });

  it('ignores a position older than the one already waiting', () => {
    const coalescer = new PositionCoalescer();
    coalescer.add('coop-a', { courierId: 'c1', lat: 2, lng: 2, at: at(2) });
    coalescer.add('coop-a', { courierId: 'c1', lat: 1, lng: 1, at: at(1) });
    expect(coalescer.drain()[0].positions).toEqual([{ courierId: 'c1', lat: 2, lng: 2, at: at(2) }]);
  });

  it('turns 2,000 couriers reporting five times each into one batch of 2,000', () => {
    const coalescer = new PositionCoalescer();
    for (let round = 0; round < 5; round++) {
      for (let courier = 0; courier < 2000; courier++) coalescer.add('coop-a', { courierId: `c${courier}`, lat: round, lng: 0, at: at(round) });
    }
    const [batch, ...others] = coalescer.drain();
    expect(others).toEqual([]);
    expect(batch.positions).toHaveLength(2000);
    expect(batch.positions.every((position) => position.lat === 4)).toBe(true);
    expect(coalescer.drain()).toEqual([]);
  });

  describe('per courier (leading edge)', () => {
    const position = (courierId: string, second: number, lat = second) => ({ courierId, lat, lng: 0, at: at(second) });

    it('sends a position after a quiet window at once', () => {
      const coalescer = new PositionCoalescer(1000);
      expect(coalescer.add('coop-a', position('c1', 1), 10_000)).toBe(true);
      expect(coalescer.add('coop-a', position('c2', 1), 10_000)).toBe(true);
      expect(coalescer.add('coop-a', position('c1', 3), 11_500)).toBe(true);
      expect(coalescer.due(20_000)).toEqual([]);
    });

    it('holds the positions within the window and sends the latest at its end: at most one per courier per window', () => {
      const coalescer = new PositionCoalescer(1000);
      expect(coalescer.add('coop-a', position('c1', 1), 10_000)).toBe(true);
      expect(coalescer.add('coop-a', { courierId: 'c1', lat: 1.2, lng: 0, at: at(2) }, 10_200)).toBe(false);
      expect(coalescer.add('coop-a', { courierId: 'c1', lat: 1.7, lng: 0, at: at(3) }, 10_700)).toBe(false);
      expect(coalescer.due(10_999)).toEqual([]);
      expect(coalescer.due(11_000)).toEqual([{ cooperativeId: 'coop-a', positions: [{ courierId: 'c1', lat: 1.7, lng: 0, at: at(3) }] }]);
      expect(coalescer.due(11_050)).toEqual([]);
      // the window restarts at the held position's send: the next one waits for it to end
      expect(coalescer.add('coop-a', position('c1', 4), 11_400)).toBe(false);
      expect(coalescer.due(11_900)).toEqual([]);
      expect(coalescer.due(12_000)[0].positions).toEqual([position('c1', 4)]);
    });

    it('never sends a position older than one already seen', () => {
      const coalescer = new PositionCoalescer(1000);
      expect(coalescer.add('coop-a', position('c1', 5), 10_000)).toBe(true);
      expect(coalescer.add('coop-a', position('c1', 4), 12_000)).toBe(false);
      expect(coalescer.due(13_000)).toEqual([]);
    });

    it('keeps the batched form on the tick, whatever went out singly', () => {
      const coalescer = new PositionCoalescer(1000);
      coalescer.add('coop-a', position('c1', 1), 10_000);
      coalescer.add('coop-a', position('c1', 2), 10_300);
      expect(coalescer.drain(10_500)).toEqual([{ cooperativeId: 'coop-a', positions: [position('c1', 2)] }]);
      expect(coalescer.due(11_000)[0].positions).toEqual([position('c1', 2)]);
      expect(coalescer.drain(11_500)).toEqual([]);
      // quiet for a window after the tick: the next one goes out at once
      expect(coalescer.add('coop-a', position('c1', 9), 13_000)).toBe(true);
    });
  });
});
