import type { OrderRecord } from '@lib/database';
import type { CourierPositions } from '@lib/positions';
import type { BoardPartnerCourierView } from '@lib/wire';

/**
 * The partner co-ops' couriers holding this co-op's orders (its overflow), with their latest
 * position: a dispatcher follows its order's courier only while that courier holds it, and
 * learns nothing else about it (no name, no other job).
 */
export async function partnerCouriersOf(cooperativeId: string, orders: OrderRecord[], positions: CourierPositions): Promise<BoardPartnerCourierView[]> {
  const byCourier = new Map<string, BoardPartnerCourierView>();
  for (const order of orders) {
    if (order.cooperativeId !== cooperativeId || !order.carrierCooperativeId || !order.courierId) continue;
    if (order.status !== 'assigned' && order.status !== 'picked_up') continue;
    const entry = byCourier.get(order.courierId) ?? { id: order.courierId, cooperativeId: order.carrierCooperativeId, position: null, activeOrderIds: [] };
    entry.activeOrderIds.push(order.id);
    byCourier.set(order.courierId, entry);
  }
  for (const entry of byCourier.values()) {
    const position = await positions.get(entry.cooperativeId, entry.id).catch(() => null);
    entry.position = position ? { lat: position.lat, lng: position.lng, at: position.at.toISOString() } : null;
  }
  return [...byCourier.values()];
}
