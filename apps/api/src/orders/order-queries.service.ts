import { Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { Principal } from '@lib/auth';
import { OrderFilter, OrderRecord, OrdersRepository, PageRequest } from '@lib/database';
import { ProblemError } from '@lib/http';
import { presentOrder } from '@lib/orders';

/**
 * Reading orders with the contract's visibility: merchants see their own, couriers the ones
 * they hold or are offered, dispatchers and admins the whole cooperative. Anything else is 404.
 */
@Injectable()
export class OrderQueries {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly config: AppConfig,
  ) {}

  async list(principal: Principal, filter: OrderFilter, page: PageRequest) {
    const scoped: OrderFilter = { ...filter };
    if (principal.role === 'merchant') scoped.merchantId = principal.merchantId;
    if (principal.role === 'merchant' && filter.merchantId && filter.merchantId !== principal.merchantId) return { items: [], nextCursor: null };
    if (principal.role === 'courier') scoped.visibleToCourierId = principal.courierId ?? '00000000-0000-0000-0000-000000000000';
    const result = await this.orders.list(scoped, page);
    return { items: await this.present(result.items), nextCursor: result.nextCursor };
  }

  async get(principal: Principal, id: string) {
    return (await this.present([await this.visible(principal, id)]))[0];
  }

  /** The order if the caller may see it, else 404 (never 403: existence is not revealed). */
  async visible(principal: Principal, id: string): Promise<OrderRecord> {
    const order = await this.orders.findById(id);
    const allowed =
      order &&
      (principal.role === 'merchant'
        ? order.merchantId === principal.merchantId
        : principal.role === 'courier'
          ? !!principal.courierId && (await this.orders.isVisibleToCourier(id, principal.courierId))
          : true);
    if (!allowed) throw ProblemError.notFound('Order');
    return order;
  }

  async present(orders: OrderRecord[]) {
    const events = await this.orders.eventsOf(orders.map((order) => order.id));
    return orders.map((order) => presentOrder(order, events.get(order.id) ?? [], this.config.apiBaseUrl));
  }
}
