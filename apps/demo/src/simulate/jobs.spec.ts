import { Job, jobFromOrder, nextStop } from './jobs';

const at = (lat: number, lng: number) => ({ address: `${lat},${lng}`, location: { lat, lng } });
const job = (orderId: string, status: Job['status'], pickup: [number, number], dropoff: [number, number]): Job => ({
  orderId, trackingToken: `t-${orderId}`, merchantName: 'Bistro', pickup: at(...pickup), dropoff: at(...dropoff), readyAt: null, status,
});

describe('nextStop', () => {
  const here = { lat: 44.933, lng: 4.892 };

  it('is nothing without orders', () => {
    expect(nextStop(here, [])).toBeNull();
  });

  it('goes to the pickup of an order not collected yet, never to its door first', () => {
    const only = job('a', 'assigned', [44.95, 4.9], [44.9331, 4.8921]);
    expect(nextStop(here, [only])).toMatchObject({ kind: 'pickup', job: { orderId: 'a' } });
  });

  it('takes the nearest doable stop among several orders', () => {
    const carried = job('a', 'picked_up', [44.93, 4.89], [44.95, 4.91]);
    const nearbyPickup = job('b', 'assigned', [44.934, 4.893], [44.92, 4.88]);
    expect(nextStop(here, [carried, nearbyPickup])).toMatchObject({ kind: 'pickup', job: { orderId: 'b' } });
    const collected = { ...nearbyPickup, status: 'picked_up' as const };
    expect(nextStop(here, [carried, collected])).toMatchObject({ kind: 'dropoff', job: { orderId: 'b' } });
  });
});

describe('jobFromOrder', () => {
  it('keeps what riding needs', () => {
    const order = { id: 'o1', status: 'picked_up' as const, merchantId: 'm1', courierId: 'c1', trackingToken: 'tok', pickup: at(1, 2), dropoff: at(3, 4), readyAt: '2026-01-01T12:00:00.000Z' };
    expect(jobFromOrder(order, 'Pizzeria')).toEqual({
      orderId: 'o1', trackingToken: 'tok', merchantName: 'Pizzeria', pickup: at(1, 2), dropoff: at(3, 4), readyAt: '2026-01-01T12:00:00.000Z', status: 'picked_up',
    });
  });
});
