import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { OutboxRepository, WebhooksRepository } from '@lib/database';
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
  ) {}

  async announce(eventType: string, order: OrderView): Promise<void> {
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
