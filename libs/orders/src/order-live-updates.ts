import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { bikeMinutes, LatLng } from '@lib/geo';
import { CourierPositions } from '@lib/positions';
import { RealtimePublisher } from '@lib/realtime';
import { Announcement, LiveAnnouncements, OrderChange } from './live-announcements';

const HANDOVER_MINUTES = 2;

/**
 * Sends every announcement to the sockets that watch it: an order change to the
 * cooperative's dispatchers, the courier holding it and the customer's tracking page (with
 * an ETA); an offer, or its withdrawal, to its courier.
 */
@Injectable()
export class LiveUpdates implements OnModuleInit {
  private readonly logger = new Logger('LiveUpdates');

  constructor(
    private readonly announcements: LiveAnnouncements,
    private readonly realtime: RealtimePublisher,
    private readonly positions: CourierPositions,
  ) {}

  onModuleInit(): void {
    this.announcements.listen((announcement) => this.send(announcement));
  }

  private async send(announcement: Announcement): Promise<void> {
    // Runs after commit in the work's async context: the line carries its correlation id.
    this.logger.debug(describe(announcement), 'live event sent');
    switch (announcement.kind) {
      case 'order.changed':
        return this.publish(announcement.change);
      case 'offer':
        return this.realtime.toCourier(announcement.courierId).emit('offer', announcement.offer);
      case 'offer.withdrawn':
        return this.realtime.toCourier(announcement.courierId).emit('offer.withdrawn', { offerId: announcement.offerId });
    }
  }

  /** Where the holder is now, for a live ETA; null when unknown or not on the way. */
  private async courierPosition(order: OrderChange['order']): Promise<LatLng | null> {
    if (!order.courierId || !['assigned', 'picked_up'].includes(order.status)) return null;
    // A partner's courier keeps its positions under its own co-op (the carrier).
    return this.positions.get(order.carrierCooperativeId ?? order.cooperativeId, order.courierId).catch(() => null);
  }

  private async publish({ order, view }: OrderChange): Promise<void> {
    this.realtime.toCooperative(order.cooperativeId).emit('order.updated', view);
    // An order handed to a partner co-op is on both boards.
    if (order.carrierCooperativeId) this.realtime.toCooperative(order.carrierCooperativeId).emit('order.updated', view);
    if (order.courierId) this.realtime.toCourier(order.courierId).emit('order.updated', view);
    this.realtime.toOrderTrackers(order.id).emit('status', {
      status: order.status,
      at: order.updatedAt.toISOString(),
      eta: estimatedDelivery(order, new Date(), await this.courierPosition(order)),
      courierId: ['assigned', 'picked_up'].includes(order.status) ? order.courierId : null,
      ownerCooperativeId: order.carrierCooperativeId && ['assigned', 'picked_up'].includes(order.status) ? order.cooperativeId : null,
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

/** What a live event's log line says about it (ids only, never the payload). */
function describe(announcement: Announcement): Record<string, unknown> {
  if (announcement.kind === 'order.changed') return { event: 'order.updated', orderId: announcement.change.order.id, status: announcement.change.order.status };
  if (announcement.kind === 'offer') return { event: 'offer', orderId: announcement.offer.orderId, offerId: announcement.offer.offerId, courierId: announcement.courierId };
  return { event: 'offer.withdrawn', offerId: announcement.offerId, courierId: announcement.courierId };
}
