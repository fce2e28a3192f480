import type { Transactions } from '@lib/database';
import type { OrderStatusNotice } from '@lib/realtime';
import { PartnerCarriedCouriers } from './partner-carried-couriers';

const notice = (orderId: string, status: OrderStatusNotice['status'], courierId: string | null, ownerCooperativeId: string | null = null): OrderStatusNotice => ({
  orderId,
  status,
  at: '2026-12-01T12:00:00Z',
  eta: null,
  courierId,
  ownerCooperativeId,
});

describe('PartnerCarriedCouriers', () => {
  const registry = () => new PartnerCarriedCouriers({} as Transactions);

  it("follows a partner's courier for the owner only while it holds the owner's order", () => {
    const carried = registry();
    carried.apply(notice('o1', 'assigned', 'rider', 'coop-a'));
    expect(carried.ownersFollowing('rider')).toEqual(['coop-a']);
    carried.apply(notice('o1', 'picked_up', 'rider', 'coop-a'));
    expect(carried.ownersFollowing('rider')).toEqual(['coop-a']);
    carried.apply(notice('o1', 'delivered', 'rider', null));
    expect(carried.ownersFollowing('rider')).toEqual([]);
    expect(carried.size).toBe(0);
  });

  it('ignores orders carried by their own co-op and couriers holding nothing', () => {
    const carried = registry();
    carried.apply(notice('o1', 'assigned', 'own-rider'));
    carried.apply(notice('o2', 'offered', null, 'coop-a'));
    expect(carried.ownersFollowing('own-rider')).toEqual([]);
    expect(carried.size).toBe(0);
  });

  it('keeps following while the courier still holds another order of that co-op, and lists each owner once', () => {
    const carried = registry();
    carried.apply(notice('o1', 'assigned', 'rider', 'coop-a'));
    carried.apply(notice('o2', 'assigned', 'rider', 'coop-a'));
    carried.apply(notice('o3', 'assigned', 'rider', 'coop-c'));
    expect(carried.ownersFollowing('rider').sort()).toEqual(['coop-a', 'coop-c']);
    carried.apply(notice('o1', 'delivered', 'rider'));
    expect(carried.ownersFollowing('rider').sort()).toEqual(['coop-a', 'coop-c']);
    // Unassigned: back to pending with no courier.
    carried.apply(notice('o3', 'pending', null));
    expect(carried.ownersFollowing('rider')).toEqual(['coop-a']);
  });
});
