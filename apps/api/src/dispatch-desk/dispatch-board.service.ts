import { Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { CouriersRepository, OrdersRepository, Transactions } from '@lib/database';
import { CourierPositions, FORGET_AFTER_SECONDS } from '@lib/positions';
import type { BoardCourierView, DispatchBoardView } from '@lib/wire';
import { OrderQueries } from '../orders/order-queries.service';
import { partnerCouriersOf } from './partner-couriers';

/**
 * What a dispatcher's screen starts from: working couriers with their latest positions and
 * active orders, and every open order. Three queries and one Redis call, whatever the size.
 */
@Injectable()
export class DispatchBoard {
  constructor(
    private readonly couriers: CouriersRepository,
    private readonly orders: OrdersRepository,
    private readonly positions: CourierPositions,
    private readonly queries: OrderQueries,
    private readonly transactions: Transactions,
    private readonly config: AppConfig,
  ) {}

  async board(): Promise<DispatchBoardView> {
    const cooperativeId = this.transactions.current().cooperativeId!;
    const couriers = await this.couriers.working();
    const orders = await this.orders.active();
    const positions = await this.positions.all(cooperativeId, FORGET_AFTER_SECONDS);
    const positionOf = new Map(positions.map((position) => [position.courierId, position]));
    const activeOf = new Map<string, string[]>();
    for (const order of orders) {
      if (order.courierId && (order.status === 'assigned' || order.status === 'picked_up')) {
        activeOf.set(order.courierId, [...(activeOf.get(order.courierId) ?? []), order.id]);
      }
    }
    const now = Date.now();
    // Greyed on the map exactly when dispatch stops offering work to the courier.
    const staleAfterMs = this.config.env.POSITION_MAX_AGE_SECONDS * 1000;
    return {
      couriers: couriers.map((courier): BoardCourierView => {
        // Positions are shown only while on shift (a courier off shift may still hold an order).
        const position = courier.onShift ? positionOf.get(courier.id) : undefined;
        const activeOrderIds = activeOf.get(courier.id) ?? [];
        return {
          id: courier.id,
          name: courier.name,
          onShift: courier.onShift,
          status: !courier.onShift ? 'offline' : activeOrderIds.length ? 'busy' : 'available',
          capacity: courier.capacity,
          // When the courier plans to stop; null for an open-ended shift.
          shiftEndsAt: courier.shiftEndsAt?.toISOString() ?? null,
          position: position
            ? { lat: position.lat, lng: position.lng, at: position.at.toISOString(), stale: now - position.at.getTime() > staleAfterMs }
            : null,
          activeOrderIds,
        };
      }),
      orders: await this.queries.present(orders),
      partnerCouriers: await partnerCouriersOf(cooperativeId, orders, this.positions),
    };
  }
}
