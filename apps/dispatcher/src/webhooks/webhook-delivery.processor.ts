import { Job, UnrecoverableError } from 'bullmq';
import { AppConfig } from '@lib/config';
import { currentCorrelationId } from '@lib/correlation';
import { Transactions, WebhooksRepository } from '@lib/database';
import { PrivateDestinationError } from '@lib/outbound-http';
import { JobData, JobProcessor } from '@lib/queues';
import { QueueWorker } from '../queue-worker';
import { postWebhook } from './webhook-http';
import { webhookDeliveries } from './webhook-metrics';
import { signWebhook } from './webhook-signature';

/**
 * Sends one webhook delivery. A non-2xx answer or a timeout throws, so BullMQ retries with
 * exponential backoff; every attempt, successful or not, is logged for the subscriber to see.
 */
@JobProcessor('deliverWebhook')
export class WebhookDeliveryProcessor extends QueueWorker {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly transactions: Transactions,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job<JobData<'deliverWebhook'>>) {
    const { cooperativeId, deliveryId } = job.data;
    const target = await this.transactions.inTenant(cooperativeId, () => this.webhooks.deliveryTarget(deliveryId));
    if (!target || target.status === 'succeeded' || !target.active) {
      webhookDeliveries.inc({ outcome: 'skipped' });
      return { skipped: true };
    }

    const attempt = target.attempts + 1;
    const startedAt = Date.now();
    const { statusCode, error, refused } = await this.send(target.url, target.secret, target.body, deliveryId);
    if (refused) {
      await this.transactions.inTenant(cooperativeId, () =>
        this.webhooks.recordAttempt(deliveryId, { attempt, at: new Date(startedAt), statusCode: null, error, durationMs: Date.now() - startedAt }, 'failed'),
      );
      // Retrying would not change where the URL leads.
      webhookDeliveries.inc({ outcome: 'refused' });
      throw new UnrecoverableError(error ?? 'webhook destination refused');
    }
    const succeeded = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const lastAttempt = attempt >= (job.opts.attempts ?? 1) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome = succeeded ? 'succeeded' : lastAttempt ? 'failed' : 'pending';
    await this.transactions.inTenant(cooperativeId, () =>
      this.webhooks.recordAttempt(deliveryId, { attempt, at: new Date(startedAt), statusCode, error, durationMs: Date.now() - startedAt }, outcome),
    );
    webhookDeliveries.inc({ outcome: succeeded ? 'succeeded' : outcome === 'failed' ? 'failed' : 'retrying' });
    if (!succeeded) {
      this.logger.warn({ deliveryId, attempt, statusCode, error }, 'webhook delivery failed');
      throw new Error(`webhook answered ${statusCode ?? error}`);
    }
    this.logger.log({ deliveryId, attempt, statusCode }, 'webhook delivered');
    return { statusCode };
  }

  private async send(url: string, secret: string, body: string, deliveryId: string): Promise<{ statusCode: number | null; error: string | null; refused?: boolean }> {
    try {
      const statusCode = await postWebhook({
        url,
        body,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'bike-dispatch-webhooks/1',
          'X-Signature': signWebhook(secret, body, Math.floor(Date.now() / 1000)),
          'X-Delivery-Id': deliveryId,
          // The request that caused the event, as its logs name it.
          ...correlationHeader(),
        },
        timeoutMs: this.config.env.WEBHOOK_TIMEOUT_MS,
        allowPrivateNetworks: this.config.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      });
      return { statusCode, error: null };
    } catch (error) {
      const refused = error instanceof PrivateDestinationError;
      const message = error instanceof Error ? (refused ? `destination refused: ${error.message}` : `${error.name}: ${error.message}`) : String(error);
      return { statusCode: null, error: message, refused };
    }
  }

}

function correlationHeader(): Record<string, string> {
  const correlationId = currentCorrelationId();
  return correlationId ? { 'X-Correlation-Id': correlationId } : {};
}
