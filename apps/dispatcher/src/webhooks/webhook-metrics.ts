import { counter } from '@lib/observability';

/**
 * Webhook delivery attempts by outcome: `succeeded`, `retrying` (failed, another attempt
 * comes), `failed` (the last attempt failed), `refused` (a private destination) and `skipped`
 * (already delivered, or its subscription was switched off).
 */
export const webhookDeliveries = counter('webhook_deliveries_total', 'Webhook delivery attempts by outcome (succeeded, retrying, failed, refused, skipped)', ['outcome']);
