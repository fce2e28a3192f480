import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { OutboxRepository, Transactions, WebhooksRepository } from '@lib/database';
import type { OrderView } from './order.presenter';

/**
 * Records one webhook delivery per matching subscription, in the transaction of the change,
 * with the exact body to send; the outbox then queues each delivery. The body is frozen
 * here so every retry sends the same bytes and signature input.
 */
@Injectable()
export class WebhookFanout {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly outbox: OutboxRepository,
    private readonly transactions: Transactions,
  ) {}

  async announce(eventType: string, order: OrderView): Promise<void> {
    // The subscribers are the order's own co-op's, whoever moved it: a partner co-op carrying
    // it (overflow) must neither reach its own subscribers with it nor keep the owner's from it.
    if (order.cooperativeId !== this.transactions.current().cooperativeId) {
      return this.transactions.inTenant(order.cooperativeId, () => this.announce(eventType, order));
    }
    const subscriptions = await this.webhooks.matching(eventType, order.merchantId);
    if (!subscriptions.length) return;
    const eventId = randomUUID();
    const body = JSON.stringify({ id: eventId, type: eventType, createdAt: new Date().toISOString(), data: { order } });
    for (const subscription of subscriptions) {
      const deliveryId = await this.webhooks.addDelivery(subscription.id, eventId, eventType, body);
      await this.outbox.add('webhook.delivery', { deliveryId });
    }
  }
}
