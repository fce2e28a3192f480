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
});
