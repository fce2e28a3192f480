import type { Queue } from 'bullmq';
import { JobRequest, jobOptions, jobs } from './job-registry';
import { QueueKey, queues } from './queue-registry';

/** Adds jobs by their registry entry: queue, name and retry policy come from the table, never from the caller. */
export class JobQueues {
  constructor(private readonly registered: ReadonlyMap<QueueKey, Queue>) {}

  async add(request: JobRequest): Promise<void> {
    const definition = jobs[request.job];
    const queue = this.registered.get(definition.queue);
    if (!queue) throw new Error(`queue "${queues[definition.queue].name}" is not registered in this process`);
    await queue.add(definition.name, request.data, jobOptions(request));
  }
}
