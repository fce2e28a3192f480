import { Injectable, OnModuleInit } from '@nestjs/common';
import { bikeMinutes } from '@lib/geo';
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
  ) {}

  onModuleInit(): void {
    this.listeners.add((change) => this.publish(change));
  }

  private publish({ order, view }: OrderChange): void {
    this.realtime.toCooperative(order.cooperativeId).emit('order.updated', view);
    if (order.courierId) this.realtime.toCourier(order.courierId).emit('order.updated', view);
    this.realtime.toOrderTrackers(order.id).emit('status', {
      status: order.status,
      at: order.updatedAt.toISOString(),
      eta: estimatedDelivery(order),
      courierId: ['assigned', 'picked_up'].includes(order.status) ? order.courierId : null,
    });
  }
}

/** A rough delivery estimate for the customer; null once the order is closed. */
export function estimatedDelivery(order: OrderChange['order'], now = new Date()): string | null {
  if (['delivered', 'failed', 'cancelled'].includes(order.status)) return null;
  const ride = bikeMinutes(order.pickup.location, order.dropoff.location) + HANDOVER_MINUTES;
  const start = order.status === 'picked_up' ? now.getTime() : Math.max(now.getTime(), order.readyAt.getTime());
  return new Date(start + ride * 60_000).toISOString();
}
