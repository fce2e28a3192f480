import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { JobQueues } from './job-queues';
import { JobWorkers, WORKED_QUEUES } from './job-workers';
import { QUEUE_CONNECTION, QueueConnectionModule } from './queue-connection.module';
import { QueueKey, queues } from './queue-registry';

/**
 * BullMQ on our Redis, with the registry's names and policies. `register` gives a process the
 * queues to add jobs to (`JobQueues`); `withWorkers` also runs their processors, started only
 * once every job of those queues has exactly one (`JobWorkers`).
 */
@Module({})
export class QueuesModule {
  static register(...keys: QueueKey[]): DynamicModule {
    return QueuesModule.build(keys, false);
  }

  static withWorkers(...keys: QueueKey[]): DynamicModule {
    return QueuesModule.build(keys, true);
  }

  private static build(keys: QueueKey[], workers: boolean): DynamicModule {
    return {
      module: QueuesModule,
      imports: [
        QueueConnectionModule,
        BullModule.forRootAsync({
          imports: [QueueConnectionModule],
          inject: [AppConfig, QUEUE_CONNECTION],
          useFactory: (config: AppConfig, connection: Redis) => ({ connection, prefix: `${config.env.REDIS_PREFIX}:q` }),
          // Workers start from JobWorkers, after the check.
          extraOptions: { manualRegistration: workers },
        }),
        ...keys.map((key) => BullModule.registerQueue({ name: queues[key].name, defaultJobOptions: queues[key].defaults })),
        ...(workers ? [DiscoveryModule] : []),
      ],
      providers: [
        {
          provide: JobQueues,
          inject: keys.map((key) => getQueueToken(queues[key].name)),
          useFactory: (...registered: Queue[]) => {
            // A queue without an error listener prints every reconnection attempt raw.
            const logger = new Logger('Queues');
            for (const queue of registered) queue.on('error', (error) => logger.warn({ err: error, queue: queue.name }, 'queue connection error'));
            return new JobQueues(new Map(keys.map((key, index) => [key, registered[index]])));
          },
        },
        ...(workers ? [{ provide: WORKED_QUEUES, useValue: keys }, JobWorkers] : []),
      ],
      exports: [BullModule, QueueConnectionModule, JobQueues],
    };
  }
}
