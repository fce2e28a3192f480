import type { JobsOptions } from 'bullmq';
import type { QueueKey } from './queue-registry';

/**
 * Every job, and every way one is asked for, in one table: the outbox topic (or the direct
 * request), the job it becomes, its queue and name, its payload, its job id, its delay and
 * its retry policy. The outbox relay, the dispatch sweep and the follow-ups all add jobs
 * through here, and the dispatcher refuses to start unless each job has exactly one handler
 * (`JobWorkers`). Job names, like queue names and outbox topics, are persisted: renaming one
 * strands what is already queued.
 */

type RetryPolicy = Required<Pick<JobsOptions, 'attempts' | 'backoff'>>;

/** Our own work: retried quickly (1 s, 2 s, 4 s, …), eight times. */
const ownWork: RetryPolicy = { attempts: 8, backoff: { type: 'exponential', delay: 1000 } };
/** A subscriber's server: given more time to come back between attempts. */
const subscriberServer: RetryPolicy = { attempts: 8, backoff: { type: 'exponential', delay: 2000 } };

/** Why a decision was asked for; logged with the job. */
export type DispatchReason = 'order_created' | 'offer_declined' | 'offer_expired' | 'unassigned' | 'courier_on_shift' | 'tick' | 'follow-up' | 'partner_overflow';

/** The outbox payload of a dispatch request (a new order carries only its id). */
export interface DispatchRequest {
  reason?: DispatchReason;
  orderId?: string;
}

export interface DispatchJob extends DispatchRequest {
  cooperativeId: string;
}

export interface OfferExpiryJob {
  cooperativeId: string;
  offerId: string;
}

export interface WebhookJob {
  cooperativeId: string;
  deliveryId: string;
}

/** Delete position history older than each co-op's retention, every co-op in one job. */
export interface LocationRetentionJob {
  /** When it was asked for (ISO-8601): the cut-offs are computed from it, so a retried job deletes the same. */
  requestedAt: string;
}

export interface JobDefinition<Data> {
  queue: QueueKey;
  /** The name BullMQ stores with each job. */
  name: string;
  retry: RetryPolicy;
  /** Type only: what the job carries. */
  readonly data?: Data;
}

const job = <Data>(definition: Omit<JobDefinition<Data>, 'data'>): JobDefinition<Data> => definition;

export const jobs = {
  /** Decide for a cooperative. Idempotent: duplicates and retries are safe. */
  decide: job<DispatchJob>({ queue: 'dispatch', name: 'decide', retry: ownWork }),
  /** End an offer nobody answered in time; a no-op when it was answered. */
  expireOffer: job<OfferExpiryJob>({ queue: 'offerExpiry', name: 'expire', retry: ownWork }),
  /** Send one webhook delivery. */
  deliverWebhook: job<WebhookJob>({ queue: 'webhooks', name: 'deliver', retry: subscriberServer }),
  /** Delete courier positions past each co-op's `positionRetentionDays`, in batches. Idempotent. */
  pruneLocationHistory: job<LocationRetentionJob>({ queue: 'maintenance', name: 'prune-location-history', retry: ownWork }),
};

export type JobKey = keyof typeof jobs;
export type JobData<K extends JobKey> = (typeof jobs)[K] extends JobDefinition<infer Data> ? Data : never;

/** One job to add: which, with what, and the options that make it unique or late. */
export interface JobRequest<K extends JobKey = JobKey> {
  job: K;
  data: JobData<K>;
  options: Pick<JobsOptions, 'jobId' | 'delay' | 'deduplication'>;
}

const request = <K extends JobKey>(job: K, data: JobData<K>, options: JobRequest['options']): JobRequest<K> => ({ job, data, options });

/** The options a request is added with: its job's retry policy, then its own id and delay. */
export function jobOptions(request: JobRequest): JobsOptions {
  return { ...jobs[request.job].retry, ...request.options };
}

/** A committed outbox event, as the relay reads it. */
export interface OutboxEventOf<Payload> {
  id: string;
  cooperativeId: string;
  payload: Payload;
}

export interface OutboxRoute<Payload> {
  toJob(event: OutboxEventOf<Payload>, now: number): JobRequest;
}

const route = <Payload>(toJob: OutboxRoute<Payload>['toJob']): OutboxRoute<Payload> => ({ toJob });

/**
 * Outbox topics (persisted in the outbox table) and the job each event becomes. The job id
 * comes from the event, so publishing one event twice (a relay that crashed after publishing,
 * before marking) adds one job.
 */
export const outboxTopics = {
  /** Find a courier for the order (job id = event id). */
  dispatch: route<DispatchRequest>(({ id, cooperativeId, payload }) => request('decide', { cooperativeId, ...payload }, { jobId: id })),
  /** End the offer if nobody answered it by `expiresAt` (a delayed job, one per offer). */
  'offer.expiry': route<{ offerId: string; expiresAt: string }>(({ cooperativeId, payload }, now) =>
    request(
      'expireOffer',
      { cooperativeId, offerId: payload.offerId },
      { jobId: `expiry-${payload.offerId}`, delay: Math.max(0, new Date(payload.expiresAt).getTime() - now) },
    ),
  ),
  /** Send one webhook delivery (job id = event id). */
  'webhook.delivery': route<{ deliveryId: string }>(({ id, cooperativeId, payload }) =>
    request('deliverWebhook', { cooperativeId, deliveryId: payload.deliveryId }, { jobId: id }),
  ),
};

export type OutboxTopic = keyof typeof outboxTopics;
export type OutboxPayload<T extends OutboxTopic> = (typeof outboxTopics)[T] extends OutboxRoute<infer Payload> ? Payload : never;

/** The job for a committed outbox event; throws for a topic with no route (an event of another version). */
export function jobForOutboxEvent(event: OutboxEventOf<unknown> & { topic: string }, now = Date.now()): JobRequest {
  if (!Object.hasOwn(outboxTopics, event.topic)) throw new Error(`outbox topic "${event.topic}" has no queue`);
  return (outboxTopics[event.topic as OutboxTopic] as OutboxRoute<unknown>).toJob(event, now);
}

/** Decisions the dispatcher asks for itself, straight on the queue (nothing to commit with them). */
export const dispatchRequests = {
  /** The sweep's: one job per cooperative and time slot, however many dispatchers sweep at once. */
  tick: (cooperativeId: string, slot: number) => request('decide', { cooperativeId, reason: 'tick' }, { jobId: `tick-${cooperativeId}-${slot}` }),
  /** Another decision after `delay` ms; requests within that window fold into one job. */
  followUp: (cooperativeId: string, delay: number) =>
    request('decide', { cooperativeId, reason: 'follow-up' }, { delay, deduplication: { id: `follow-up-${cooperativeId}`, ttl: delay } }),
};

/** Housekeeping the dispatchers schedule themselves: one job per period slot, however many dispatchers ask. */
export const maintenanceRequests = {
  pruneLocationHistory: (slot: number, requestedAt: Date) =>
    request('pruneLocationHistory', { requestedAt: requestedAt.toISOString() }, { jobId: `prune-location-history-${slot}` }),
};
