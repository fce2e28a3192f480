import type { JobsOptions } from 'bullmq';

/**
 * Every queue and how long finished jobs are kept. What runs on each queue, with its retry
 * policy and job ids, is the job registry (`job-registry.ts`).
 * Queue names are a persisted contract: renaming one strands the jobs already in Redis.
 */
export const queues = {
  /** Find a courier for an order. */
  dispatch: { name: 'dispatch', defaults: { removeOnComplete: 1000, removeOnFail: 5000 } },
  /** Withdraw an offer nobody answered (delayed job per offer). */
  offerExpiry: { name: 'offer-expiry', defaults: { removeOnComplete: 1000, removeOnFail: 5000 } },
  /** Deliver one webhook event to one subscription. */
  webhooks: { name: 'webhooks', defaults: { removeOnComplete: 1000, removeOnFail: 5000 } },
  /** Periodic housekeeping across co-ops (position-history retention). */
  maintenance: { name: 'maintenance', defaults: { removeOnComplete: 100, removeOnFail: 500 } },
} as const satisfies Record<string, { name: string; defaults: JobsOptions }>;

export type QueueKey = keyof typeof queues;

/**
 * Worker settings shared by every processor. A worker that dies holding a job stops renewing
 * its lock; after `lockDuration` the job counts as stalled, and another worker's check (every
 * `stalledInterval`) puts it back in the queue. Our jobs take milliseconds, so short is safe.
 */
export const workerOptions = { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 3 } as const;
