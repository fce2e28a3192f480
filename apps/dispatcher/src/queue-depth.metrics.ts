import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { collectedGauge } from '@lib/observability';
import { queues } from '@lib/queues';

const states = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;
const queueJobs = collectedGauge('bullmq_queue_jobs', 'Jobs in each BullMQ queue, by state (waiting, prioritized, active, delayed, failed)', ['queue', 'state'], 'first');

/** The depth of every queue this dispatcher works on, read from Redis on scrape (a few LLEN/ZCARD). */
@Injectable()
export class QueueDepthMetrics implements OnModuleInit, OnApplicationShutdown {
  private remove?: () => void;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    const registered = Object.values(queues)
      .map(({ name }) => this.queue(name))
      .filter((queue): queue is Queue => queue !== undefined);
    this.remove = queueJobs.addSource(async () => {
      const readings = await Promise.all(
        registered.map(async (queue) => {
          const counts = await queue.getJobCounts(...states);
          return states.map((state) => ({ labels: { queue: queue.name, state }, value: counts[state] ?? 0 }));
        }),
      );
      return readings.flat();
    });
  }

  onApplicationShutdown(): void {
    this.remove?.();
  }

  private queue(name: string): Queue | undefined {
    try {
      return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
    } catch {
      return undefined; // a queue of the registry this process does not use
    }
  }
}
