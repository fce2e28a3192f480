import { Injectable } from '@nestjs/common';
import type { OutboxEvent } from '@lib/database';
import { jobForOutboxEvent, JobQueues, withTimeout } from '@lib/queues';

/** How long one publish may take before the relay gives up and retries later (Redis away). */
const PUBLISH_TIMEOUT_MS = 2000;

/**
 * Turns outbox events into queue jobs, routed by the job registry (`outboxTopics`). Job ids
 * come from the events, so publishing the same event twice (a relay crashed after publishing,
 * before marking) adds one job.
 */
@Injectable()
export class OutboxPublisher {
  constructor(private readonly queues: JobQueues) {}

  async publish(event: OutboxEvent): Promise<void> {
    await withTimeout(this.queues.add(jobForOutboxEvent(event), event.correlationId ?? undefined), PUBLISH_TIMEOUT_MS, 'queue');
  }
}
