import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { OrderChanges, OrderRecord, OrdersRepository, OrderStatus } from '@lib/database';
import { ProblemError } from '@lib/http';
import { LiveAnnouncements } from './live-announcements';
import { OpenOffers } from './open-offers';
import { sourcesOf, webhookEventFor } from './order-status-machine';
import { presentOrder } from './order.presenter';
import { WebhookFanout } from './webhook-fanout.service';

export interface TransitionRequest {
  orderId: string;
  to: OrderStatus;
  /** Who acts, as recorded in the history: `courier:<id>`, `user:<id>`, `key:<id>`, `system:dispatch`. */
  actor: string;
  /** Narrows the statuses the move may start from (e.g. merchants cancel only before pickup). */
  within?: OrderStatus[];
  /** The move only applies while this courier holds the order. */
  heldBy?: string;
  changes?: OrderChanges;
  detail?: Record<string, unknown>;
  /** The answer when the move does not apply; defaults to a 409 naming the status. */
  conflict?: (current: OrderRecord) => ProblemError;
}

/**
 * Every status change goes through here: a conditional update (so racing writers cannot both
 * win), one history event, the withdrawal of an open offer, webhook deliveries, and a live
 * announcement once committed.
 */
@Injectable()
export class OrderTransitions {
  private readonly logger = new Logger('OrderTransitions');

  constructor(
    private readonly orders: OrdersRepository,
    private readonly offers: OpenOffers,
    private readonly fanout: WebhookFanout,
    private readonly announcements: LiveAnnouncements,
    private readonly config: AppConfig,
  ) {}

  async apply(request: TransitionRequest): Promise<OrderRecord> {
    const from = sourcesOf(request.to, request.within);
    const updated = await this.orders.transition(request.orderId, from, request.to, request.changes, request.heldBy);
    if (!updated) throw await this.refusal(request);
    await this.orders.appendEvent(updated.id, request.to, request.actor, request.detail ?? null);
    // An open offer exists only while the order is `offered`: any other move withdraws it.
    if (request.to !== 'offered') await this.offers.withdrawOpen(updated.id, `order became ${request.to}`);
    await this.announce([updated], () => null);
    return updated;
  }

  /**
   * The same move for many orders at once (a dispatch decision's offers), in a fixed number of
   * statements whatever their count. Returns the orders that moved; those that had moved on are
   * left out for the caller to judge.
   */
  async applyToMany(request: Omit<TransitionRequest, 'orderId' | 'heldBy' | 'conflict' | 'detail'> & { orderIds: string[]; detailOf?: (orderId: string) => Record<string, unknown> }): Promise<OrderRecord[]> {
    const from = sourcesOf(request.to, request.within);
    const updated = await this.orders.transitionMany(request.orderIds, from, request.to, request.changes);
    await this.orders.appendEvents(updated.map((order) => ({ orderId: order.id, status: request.to, actor: request.actor, detail: request.detailOf?.(order.id) ?? null })));
    if (request.to !== 'offered') for (const order of updated) await this.offers.withdrawOpen(order.id, `order became ${request.to}`);
    await this.announce(updated, () => null);
    return updated;
  }

  /** Announces a change that was not a status move (e.g. the needs-attention flag). */
  async changed(order: OrderRecord): Promise<void> {
    await this.changedAll([order]);
  }

  /** `changed` for many orders, reading their histories in one query. */
  async changedAll(orders: OrderRecord[]): Promise<void> {
    await this.announce(orders, (order) => order.status);
  }

  /** Webhook deliveries (for a status move) and a live announcement per order, once committed. */
  private async announce(orders: OrderRecord[], previousStatusOf: (order: OrderRecord) => OrderStatus | null): Promise<void> {
    if (!orders.length) return;
    const events = await this.orders.eventsOf(orders.map((order) => order.id));
    for (const order of orders) {
      const previousStatus = previousStatusOf(order);
      const webhookEvent = webhookEventFor(order.status);
      const view = presentOrder(order, events.get(order.id) ?? [], this.config.apiBaseUrl);
      if (webhookEvent && previousStatus !== order.status) await this.fanout.announce(webhookEvent, view);
      this.announcements.announce({ kind: 'order.changed', change: { order, view, previousStatus } });
    }
  }

  private async refusal(request: TransitionRequest): Promise<ProblemError> {
    const current = await this.orders.findById(request.orderId);
    if (!current) return ProblemError.notFound('Order');
    if (request.conflict) return request.conflict(current);
    if (request.heldBy && current.courierId !== request.heldBy) {
      this.logger.debug({ orderId: current.id }, 'transition refused: not the holder');
      return ProblemError.notFound('Order');
    }
    return new ProblemError(HttpStatus.CONFLICT, `The order is ${current.status} and cannot become ${request.to}`, 'illegal_transition');
  }
}
