import type { Queue } from 'bullmq';
import { currentCorrelationId, saneCorrelationId } from '@lib/correlation';
import { JobRequest, jobOptions, jobs } from './job-registry';
import { QueueKey, queues } from './queue-registry';

/** Adds jobs by their registry entry: queue, name and retry policy come from the table, never from the caller. */
export class JobQueues {
  constructor(private readonly registered: ReadonlyMap<QueueKey, Queue>) {}

  /** The job carries the correlation id of the work that asked for it (`correlationIdOfJob` reads it back). */
  async add(request: JobRequest, correlationId = currentCorrelationId()): Promise<void> {
    const definition = jobs[request.job];
    const queue = this.registered.get(definition.queue);
    if (!queue) throw new Error(`queue "${queues[definition.queue].name}" is not registered in this process`);
    await queue.add(definition.name, correlationId ? { ...request.data, correlationId } : request.data, jobOptions(request));
  }
}

export function correlationIdOfJob(job: { data?: unknown }): string | undefined {
  return saneCorrelationId((job.data as { correlationId?: unknown } | undefined)?.correlationId);
}
