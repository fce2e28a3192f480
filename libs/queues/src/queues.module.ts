import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { createRedis } from './redis';
import { QueueKey, queues } from './queue-registry';

/** BullMQ on our Redis, with the registry's names and retry policies. */
@Module({})
export class QueuesModule {
  static register(...keys: QueueKey[]): DynamicModule {
    return {
      module: QueuesModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({ connection: createRedis(config, 'bullmq'), prefix: `${config.env.REDIS_PREFIX}:q` }),
        }),
        ...keys.map((key) => BullModule.registerQueue({ name: queues[key].name, defaultJobOptions: queues[key].defaults })),
      ],
      exports: [BullModule],
    };
  }
}
