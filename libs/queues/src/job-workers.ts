import { BullRegistrar, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { handledJobsOf, jobHandlerProblems, JobRegistryError } from './job-handlers';
import type { QueueKey } from './queue-registry';

export const WORKED_QUEUES = Symbol('WORKED_QUEUES');

/**
 * Starts the BullMQ workers once the processors are checked against the job registry: a job
 * with no handler or two, or a processor of an unknown job, stops the process before it
 * takes a single job (BullMQ's own registration is switched off for this).
 */
@Injectable()
export class JobWorkers implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly registrar: BullRegistrar,
    @Inject(WORKED_QUEUES) private readonly worked: readonly QueueKey[],
  ) {}

  onModuleInit(): void {
    const processors = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((instance) => ({ name: instance.constructor.name, jobs: handledJobsOf(instance.constructor) }));
    const problems = jobHandlerProblems(processors, this.worked);
    if (problems.length) throw new JobRegistryError(problems);
    this.registrar.register();
  }
}
