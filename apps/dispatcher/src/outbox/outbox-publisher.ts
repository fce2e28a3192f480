import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import type { OutboxEvent } from '@lib/database';
import { topics } from '@lib/orders';
import { queues, withTimeout } from '@lib/queues';

/** How long one publish may take before the relay gives up and retries later (Redis away). */
const PUBLISH_TIMEOUT_MS = 2000;

/**
 * Turns outbox events into queue jobs. Job ids come from the events, so publishing the same
 * event twice (a relay crashed after publishing, before marking) adds one job.
 */
@Injectable()
export class OutboxPublisher {
  constructor(
    @InjectQueue(queues.dispatch.name) private readonly dispatch: Queue,
    @InjectQueue(queues.offerExpiry.name) private readonly offerExpiry: Queue,
    @InjectQueue(queues.webhooks.name) private readonly webhooks: Queue,
  ) {}

  async publish(event: OutboxEvent): Promise<void> {
    const [queue, name, data, options] = this.route(event);
    await withTimeout(queue.add(name, data, options), PUBLISH_TIMEOUT_MS, 'queue');
  }

  private route(event: OutboxEvent): [Queue, string, Record<string, unknown>, JobsOptions] {
    const { cooperativeId, payload } = event;
    switch (event.topic) {
      case topics.dispatch:
        return [this.dispatch, 'decide', { cooperativeId, ...payload }, { jobId: event.id }];
      case topics.offerExpiry: {
        const delay = Math.max(0, new Date(String(payload.expiresAt)).getTime() - Date.now());
        return [this.offerExpiry, 'expire', { cooperativeId, offerId: payload.offerId }, { jobId: `expiry-${String(payload.offerId)}`, delay }];
      }
      case topics.webhookDelivery:
        return [this.webhooks, 'deliver', { cooperativeId, deliveryId: payload.deliveryId }, { jobId: event.id }];
      default:
        throw new Error(`outbox topic "${event.topic}" has no queue`);
    }
  }
}
