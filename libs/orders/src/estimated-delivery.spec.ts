import type { OrderRecord } from '@lib/database';
import { estimatedDelivery } from './order-live-updates';

const now = new Date('2026-11-25T12:00:00Z');
const order = (status: OrderRecord['status'], readyAt = now) =>
  ({
    status,
    readyAt,
    pickup: { location: { lat: 44.93, lng: 4.89 } },
    dropoff: { location: { lat: 44.94, lng: 4.9 } },
  }) as OrderRecord;
const minutesFromNow = (iso: string | null) => (new Date(iso!).getTime() - now.getTime()) / 60_000;

describe('estimatedDelivery', () => {
  it('has no estimate once the order is closed', () => {
    expect(estimatedDelivery(order('delivered'), now)).toBeNull();
    expect(estimatedDelivery(order('cancelled'), now)).toBeNull();
  });

  it('waits for the food when it is not ready yet', () => {
    const later = new Date(now.getTime() + 20 * 60_000);
    expect(minutesFromNow(estimatedDelivery(order('pending', later), now))).toBeGreaterThan(20);
  });

  it('counts the ride to the pickup from where the assigned courier is', () => {
    const nearby = estimatedDelivery(order('assigned'), now, { lat: 44.93, lng: 4.891 });
    const farAway = estimatedDelivery(order('assigned'), now, { lat: 44.97, lng: 4.95 });
    expect(minutesFromNow(farAway)).toBeGreaterThan(minutesFromNow(nearby) + 5);
  });

  it('counts only the ride to the door once picked up', () => {
    const atTheDoor = estimatedDelivery(order('picked_up'), now, { lat: 44.94, lng: 4.9 });
    expect(minutesFromNow(atTheDoor)).toBeCloseTo(2, 1);
  });
});
