import { Module } from '@nestjs/common';
import { RealtimePublisher } from './realtime-publisher';

/** The publisher, for processes that send live events; needs the global RedisModule and ConfigModule. */
@Module({ providers: [RealtimePublisher], exports: [RealtimePublisher] })
export class RealtimeModule {}
