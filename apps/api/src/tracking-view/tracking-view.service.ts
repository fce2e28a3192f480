import { Injectable } from '@nestjs/common';
import { MerchantsRepository, OrdersRepository, Transactions } from '@lib/database';
import { ProblemError } from '@lib/http';
import { estimatedDelivery } from '@lib/orders';
import { CourierPositions } from '@lib/positions';
import type { OrderStatus, PublicTrackingView } from '@lib/wire';

const LIVE: readonly OrderStatus[] = ['assigned', 'picked_up'];
const CLOSED: readonly OrderStatus[] = ['delivered', 'failed', 'cancelled'];

/**
 * What a customer with the tracking link may see: status, ETA, where from and to, the
 * courier's position only while on the way, and the PIN to give at the door. Nothing else
 * (no courier name or phone, no price).
 */
@Injectable()
export class TrackingView {
  constructor(
    private readonly transactions: Transactions,
    private readonly orders: OrdersRepository,
    private readonly merchants: MerchantsRepository,
    private readonly positions: CourierPositions,
  ) {}

  async view(token: string): Promise<PublicTrackingView> {
    const found = await this.transactions.asSystem(() => this.orders.findByTrackingToken(token));
    if (!found) throw ProblemError.notFound('Tracked order');
    return this.transactions.inTenant(found.cooperativeId, async (): Promise<PublicTrackingView> => {
      const order = (await this.orders.findById(found.id))!;
      const merchant = await this.merchants.findById(order.merchantId);
      const events = (await this.orders.eventsOf([order.id])).get(order.id) ?? [];
      const position = LIVE.includes(order.status) && order.courierId ? await this.positions.get(order.carrierCooperativeId ?? order.cooperativeId, order.courierId) : null;
      return {
        status: order.status,
        eta: estimatedDelivery(order, new Date(), position),
        merchantName: merchant?.name ?? null,
        pickup: { address: order.pickup.address, location: order.pickup.location },
        dropoff: { address: order.dropoff.address, location: order.dropoff.location },
        courierPosition: position ? { lat: position.lat, lng: position.lng, at: position.at.toISOString() } : null,
        deliveryPin: CLOSED.includes(order.status) ? null : order.deliveryPin,
        events: events.map((event): PublicTrackingView['events'][number] => ({ status: event.status, at: event.at.toISOString() })),
      };
    });
  }
}
