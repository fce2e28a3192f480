import { orderPoints } from './order-points';

const fix = (second: number, lat = 44.9) => ({ lat, lng: 4.9, at: new Date(Date.UTC(2026, 10, 22, 12, 0, second)), accuracy: null, heading: null, speed: null });

describe('orderPoints', () => {
  it('sorts by measurement time and keeps the timestamps', () => {
    expect(orderPoints([fix(3), fix(1), fix(2)]).map((point) => point.at.getUTCSeconds())).toEqual([1, 2, 3]);
  });

  it('keeps the first of two points measured at the same time', () => {
    expect(orderPoints([fix(1, 44.1), fix(2), fix(1, 44.2)])).toEqual([fix(1, 44.1), fix(2)]);
  });
});
