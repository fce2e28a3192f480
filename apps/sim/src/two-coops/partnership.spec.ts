import { ordersToShare, OverflowCandidate, Partnership } from './partnership';

describe('ordersToShare (which needs-attention orders cross to the partner)', () => {
  const partnership: Partnership = { area: { minX: 1000, maxX: 3000 }, shareOfPrice: 0.8, maxOrdersPerDay: 3 };
  const order = (orderId: string, placedAt: number, pickupX: number, dropoffX: number): OverflowCandidate => ({
    orderId,
    placedAt,
    pickup: { x: pickupX, y: 0 },
    dropoff: { x: dropoffX, y: 500 },
  });

  it('takes only orders whose pickup and drop-off both lie in the area', () => {
    const flagged = [order('inside', 5, 1500, 2500), order('pickup-out', 1, 500, 2000), order('dropoff-out', 2, 2000, 3500), order('edge', 3, 1000, 3000)];
    expect(ordersToShare(flagged, partnership, 0)).toEqual(['edge', 'inside']);
  });

  it('never goes past the daily cap, oldest orders first', () => {
    const flagged = [order('c', 30, 2000, 2000), order('a', 10, 2000, 2000), order('b', 20, 2000, 2000), order('d', 20, 2000, 2000)];
    expect(ordersToShare(flagged, partnership, 0)).toEqual(['a', 'b', 'd']);
    expect(ordersToShare(flagged, partnership, 2)).toEqual(['a']);
    expect(ordersToShare(flagged, partnership, 3)).toEqual([]);
    expect(ordersToShare(flagged, partnership, 7)).toEqual([]);
  });

  it('skips an order the partner has no courier for, leaving its place under the cap to the next', () => {
    const flagged = [order('a', 10, 2000, 2000), order('b', 20, 2000, 2000), order('c', 30, 2000, 2000), order('d', 40, 2000, 2000)];
    expect(ordersToShare(flagged, partnership, 1, (id) => id !== 'b')).toEqual(['a', 'c']);
  });
});
