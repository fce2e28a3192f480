import { MdrpInstance } from '../mdrp/instance';
import { inStrip, splitDay } from './coop-split';

describe('splitDay (one MDRP day as two co-ops)', () => {
  const at = (x: number) => ({ x, y: 0 });
  const order = (id: string, restaurantId: string) => ({ id, dropoff: at(2000), placedAt: 0, restaurantId, readyAt: 10 });
  const courier = (id: string, x: number) => ({ id, start: at(x), onAt: 0, offAt: 100 });
  const day: MdrpInstance = {
    name: 'strip',
    restaurants: new Map([
      ['r0', at(0)],
      ['r1', at(1000)],
      ['r2', at(2000)],
      ['r3', at(3000)],
    ]),
    // r1 is busy: 3 of the 6 orders. The line falls east of it, not through it.
    orders: [order('a', 'r0'), order('b', 'r1'), order('c', 'r1'), order('d', 'r1'), order('e', 'r2'), order('f', 'r3')],
    couriers: [courier('k1', 100), courier('k2', 2600), courier('k3', 1600), courier('k4', 1400)],
    parameters: { metresPerMinute: 100, pickupServiceMinutes: 4, dropoffServiceMinutes: 4, targetClickToDoor: 40, maxClickToDoor: 90, payPerOrder: 10, guaranteedPayPerHour: 15 },
  };

  it('draws the line between restaurants where each side has about half the orders', () => {
    const split = splitDay(day, { overlapShare: 0.4 });
    expect(split.splitX).toBe(1500);
    expect(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => split.homeOfOrder.get(id))).toEqual(['west', 'west', 'west', 'west', 'east', 'east']);
  });

  it('gives each courier to the co-op on whose side it starts', () => {
    const split = splitDay(day, { overlapShare: 0.4 });
    expect(['k1', 'k2', 'k3', 'k4'].map((id) => split.coopOfCourier.get(id))).toEqual(['west', 'east', 'east', 'west']);
  });

  it('overlaps both areas in a band around the line that grows with the overlap share', () => {
    const narrow = splitDay(day, { overlapShare: 0 });
    const wide = splitDay(day, { overlapShare: 1 });
    expect(narrow.overlap.maxX - narrow.overlap.minX).toBeLessThan(wide.overlap.maxX - wide.overlap.minX);
    expect(wide.overlap).toEqual({ minX: 0, maxX: 3000 });
    for (const split of [narrow, wide]) {
      expect(split.areas.west).toEqual({ minX: -Infinity, maxX: split.overlap.maxX });
      expect(split.areas.east).toEqual({ minX: split.overlap.minX, maxX: Infinity });
    }
    expect(inStrip(wide.overlap, at(1500)) && inStrip(wide.areas.west, at(1500)) && inStrip(wide.areas.east, at(1500))).toBe(true);
  });

  it('splits the same day the same way every time', () => {
    expect(splitDay(day)).toEqual(splitDay(day));
  });
});
