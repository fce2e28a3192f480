import { Processor } from '@nestjs/bullmq';
import { ConfigError } from '@lib/config';
import { JobKey, jobs } from './job-registry';
import { QueueKey, queues, workerOptions } from './queue-registry';

const HANDLED_JOBS = 'queues:handled-jobs';

/**
 * A BullMQ processor of registry jobs: it listens on their queue and declares which jobs it
 * handles, which `JobWorkers` checks before any worker starts.
 */
export function JobProcessor(...handled: [JobKey, ...JobKey[]]): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(HANDLED_JOBS, handled, target);
    Processor(queues[jobs[handled[0]].queue].name, workerOptions)(target);
  };
}

/** The registry keys a processor class declared (none for a processor not made with `JobProcessor`). */
export function handledJobsOf(type: object): readonly string[] {
  return (Reflect.getMetadata(HANDLED_JOBS, type) as string[] | undefined) ?? [];
}

export interface RegisteredProcessor {
  name: string;
  /** Registry keys it declared. */
  jobs: readonly string[];
}

/**
 * What is wrong with a process's processors, given the queues it works on: every job of those
 * queues needs exactly one handler, and every processor must handle known jobs of one queue.
 */
export function jobHandlerProblems(processors: readonly RegisteredProcessor[], workedQueues: readonly QueueKey[]): string[] {
  const problems: string[] = [];
  const handlersOf = new Map<string, string[]>();
  for (const processor of processors) {
    if (!processor.jobs.length) problems.push(`${processor.name} declares no job of the registry`);
    const known = processor.jobs.filter((key): key is JobKey => Object.hasOwn(jobs, key));
    for (const key of processor.jobs.filter((key) => !known.includes(key as JobKey))) problems.push(`${processor.name} handles "${key}", which is not in the job registry`);
    // It listens on one queue only, its first job's.
    if (new Set(known.map((key) => jobs[key].queue)).size > 1) problems.push(`${processor.name} handles jobs of more than one queue`);
    for (const key of known) handlersOf.set(key, [...(handlersOf.get(key) ?? []), processor.name]);
  }
  for (const [key, definition] of Object.entries(jobs)) {
    if (!workedQueues.includes(definition.queue)) continue;
    const handlers = handlersOf.get(key) ?? [];
    const job = `job "${definition.name}" (queue "${queues[definition.queue].name}")`;
    if (!handlers.length) problems.push(`${job} has no handler`);
    if (handlers.length > 1) problems.push(`${job} has ${handlers.length} handlers: ${handlers.join(', ')}`);
  }
  return [...new Set(problems)];
}

/** A process whose processors do not match the job registry; printed as one line at start-up. */
export class JobRegistryError extends ConfigError {
  override name = 'JobRegistryError';

  constructor(problems: readonly string[]) {
    super(`the job registry and the processors disagree: ${problems.join('; ')}`);
  }
}
