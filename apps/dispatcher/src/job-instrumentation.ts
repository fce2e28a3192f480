import type { Job } from 'bullmq';
import { newCorrelationId, withCorrelationId } from '@lib/correlation';
import { histogram } from '@lib/observability';
import { correlationIdOfJob } from '@lib/queues';

const jobWait = histogram(
  'bullmq_job_wait_seconds',
  'From when a job could first run (added, or its delay over) to when a worker took it, per queue',
  ['queue'],
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60],
);
const jobDuration = histogram(
  'bullmq_job_duration_seconds',
  'Time a worker spent on a job, per queue and outcome (completed, failed)',
  ['queue', 'outcome'],
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
);

/**
 * Runs one job under the correlation id it carries (a sweep's job, which no request caused,
 * gets a fresh one), so its log lines, the outbox rows and jobs it writes and the webhooks it
 * sends say which request it continues; and times it.
 */
export async function runInstrumentedJob<T>(job: Job, work: () => Promise<T>): Promise<T> {
  const queue = job.queueName;
  const startedAt = Date.now();
  // Retries wait out their backoff on purpose: only a first attempt's wait says how busy the queue is.
  if (job.attemptsMade === 0) jobWait.observe({ queue }, Math.max(0, startedAt - job.timestamp - (job.delay ?? 0)) / 1000);
  const correlationId = correlationIdOfJob(job) ?? newCorrelationId();
  try {
    const result = await withCorrelationId(correlationId, work);
    jobDuration.observe({ queue, outcome: 'completed' }, (Date.now() - startedAt) / 1000);
    return result;
  } catch (error) {
    jobDuration.observe({ queue, outcome: 'failed' }, (Date.now() - startedAt) / 1000);
    throw error;
  }
}
