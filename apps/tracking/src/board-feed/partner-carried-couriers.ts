import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Transactions } from '@lib/database';
import { isLiveOrderStatus, OrderStatusNotice } from '@lib/realtime';

/**
 * Which couriers hold another co-op's order right now (a partner co-op carrying its
 * overflow), so that the owner's dispatchers receive those couriers' positions too, and
 * only while they hold it. Kept from the order status notices every gateway hears; a
 * gateway that starts reads the current pairs once (a narrow SECURITY DEFINER function).
 */
@Injectable()
export class PartnerCarriedCouriers implements OnApplicationBootstrap {
  private readonly logger = new Logger('PartnerCarriedCouriers');
  /** Order id → the courier holding it and the order's own co-op. */
  private readonly byOrder = new Map<string, { courierId: string; ownerCooperativeId: string }>();
  /** Courier id → order ids it holds for other co-ops. */
  private readonly byCourier = new Map<string, Set<string>>();

  constructor(private readonly transactions: Transactions) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const rows = await this.transactions.asSystem(() =>
        this.transactions.rows<{ courierId: string; ownerCooperativeId: string; orderId: string }>(
          `SELECT courier_id AS "courierId", owner_cooperative_id AS "ownerCooperativeId", order_id AS "orderId" FROM partner_carried_couriers()`,
        ),
      );
      for (const row of rows) this.hold(row.orderId, row.courierId, row.ownerCooperativeId);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read the couriers carrying for partner co-ops; they are learnt from the next status changes');
    }
  }

  apply(notice: OrderStatusNotice): void {
    this.release(notice.orderId);
    if (isLiveOrderStatus(notice.status) && notice.courierId && notice.ownerCooperativeId) this.hold(notice.orderId, notice.courierId, notice.ownerCooperativeId);
  }

  /** The co-ops (other than its own) whose dispatchers follow this courier now. */
  ownersFollowing(courierId: string): string[] {
    const orders = this.byCourier.get(courierId);
    if (!orders) return [];
    return [...new Set([...orders].map((orderId) => this.byOrder.get(orderId)!.ownerCooperativeId))];
  }

  get size(): number {
    return this.byCourier.size;
  }

  private hold(orderId: string, courierId: string, ownerCooperativeId: string): void {
    this.byOrder.set(orderId, { courierId, ownerCooperativeId });
    let orders = this.byCourier.get(courierId);
    if (!orders) this.byCourier.set(courierId, (orders = new Set()));
    orders.add(orderId);
  }

  private release(orderId: string): void {
    const held = this.byOrder.get(orderId);
    if (!held) return;
    this.byOrder.delete(orderId);
    const orders = this.byCourier.get(held.courierId);
    orders?.delete(orderId);
    if (orders && !orders.size) this.byCourier.delete(held.courierId);
  }
}
