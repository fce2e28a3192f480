import { Injectable, OnModuleInit } from '@nestjs/common';
import { bikeMinutes, LatLng } from '@lib/geo';
import { CourierPositions } from '@lib/positions';
import { RealtimePublisher } from '@lib/realtime';
import { OrderChange, OrderChangeListeners } from './order-change-listeners';

const HANDOVER_MINUTES = 2;

/**
 * Sends every committed order change to the sockets that watch it: the cooperative's
 * dispatchers, the courier holding it, and the customer's tracking page (with an ETA).
 */
@Injectable()
export class OrderLiveUpdates implements OnModuleInit {
  constructor(
    private readonly listeners: OrderChangeListeners,
    private readonly realtime: RealtimePublisher,
    private readonly positions: CourierPositions,
  ) {}

  onModuleInit(): void {
    this.listeners.add((change) => this.publish(change));
  }

  /** Where the holder is now, for a live ETA; null when unknown or not on the way. */
  private async courierPosition(order: OrderChange['order']): Promise<LatLng | null> {
    if (!order.courierId || !['assigned', 'picked_up'].includes(order.status)) return null;
    return this.positions.get(order.cooperativeId, order.courierId).catch(() => null);
  }

  private async publish({ order, view }: OrderChange): Promise<void> {
    this.realtime.toCooperative(order.cooperativeId).emit('order.updated', view);
    if (order.courierId) this.realtime.toCourier(order.courierId).emit('order.updated', view);
    this.realtime.toOrderTrackers(order.id).emit('status', {
      status: order.status,
      at: order.updatedAt.toISOString(),
      eta: estimatedDelivery(order, new Date(), await this.courierPosition(order)),
      courierId: ['assigned', 'picked_up'].includes(order.status) ? order.courierId : null,
    });
  }
}

/**
 * A delivery estimate for the customer; null once the order is closed. With the courier's
 * live position it counts the ride still ahead (to the pickup first, unless picked up),
 * otherwise the ride from the pickup once the food is ready.
 */
export function estimatedDelivery(order: OrderChange['order'], now = new Date(), courierAt?: LatLng | null): string | null {
  if (['delivered', 'failed', 'cancelled'].includes(order.status)) return null;
  const toDoor = bikeMinutes(order.pickup.location, order.dropoff.location) + HANDOVER_MINUTES;
  if (order.status === 'picked_up') {
    const ride = courierAt ? bikeMinutes(courierAt, order.dropoff.location) + HANDOVER_MINUTES : toDoor;
    return new Date(now.getTime() + ride * 60_000).toISOString();
  }
  const atPickup = courierAt && order.status === 'assigned' ? now.getTime() + bikeMinutes(courierAt, order.pickup.location) * 60_000 : now.getTime();
  return new Date(Math.max(atPickup, order.readyAt.getTime()) + toDoor * 60_000).toISOString();
}
