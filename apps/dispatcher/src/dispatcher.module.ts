import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@lib/auth';
import { AppConfig, ConfigModule } from '@lib/config';
import { DatabaseModule } from '@lib/database';
import { DispatchDomainModule } from '@lib/dispatch';
import { loggingModule } from '@lib/http';
import { BacklogMetrics, ObservabilityModule } from '@lib/observability';
import { OrdersDomainModule } from '@lib/orders';
import { PositionsModule } from '@lib/positions';
import { QueuesModule, RedisModule } from '@lib/queues';
import { CooperativeLock } from './dispatch/cooperative-lock';
import { DecisionApplier } from './dispatch/decision-applier';
import { DispatchFollowUps } from './dispatch/dispatch-follow-ups';
import { DispatchProcessor } from './dispatch/dispatch.processor';
import { DispatchRun } from './dispatch/dispatch-run.service';
import { PartnerOverflow } from './dispatch/overflow/partner-overflow';
import { DispatchSweep } from './dispatch/dispatch-sweep.service';
import { SnapshotBuilder } from './dispatch/snapshot-builder';
import { WorkOutlookSource } from './dispatch/work-outlook-source';
import { OfferExpiryProcessor } from './offers/offer-expiry.processor';
import { OutboxPublisher } from './outbox/outbox-publisher';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { QueueDepthMetrics } from './queue-depth.metrics';
import { LocationRetention } from './retention/location-retention';
import { LocationRetentionProcessor } from './retention/location-retention.processor';
import { LocationRetentionSchedule } from './retention/location-retention.schedule';
import { WebhookDeliveryProcessor } from './webhooks/webhook-delivery.processor';

/** The dispatch worker: outbox relay, dispatch decisions, offer expiry, webhook deliveries, position-history retention. */
@Module({})
export class DispatcherModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: DispatcherModule,
      imports: [
        ConfigModule.forRoot(config),
        loggingModule('dispatcher'),
        DatabaseModule,
        RedisModule,
        AuthModule,
        ObservabilityModule,
        QueuesModule.withWorkers('dispatch', 'offerExpiry', 'webhooks', 'maintenance'),
        OrdersDomainModule,
        DispatchDomainModule,
        PositionsModule,
      ],
      providers: [
        BacklogMetrics,
        QueueDepthMetrics,
        OutboxPublisher,
        OutboxRelay,
        CooperativeLock,
        SnapshotBuilder,
        WorkOutlookSource,
        DecisionApplier,
        DispatchFollowUps,
        DispatchRun,
        PartnerOverflow,
        DispatchSweep,
        DispatchProcessor,
        OfferExpiryProcessor,
        WebhookDeliveryProcessor,
        LocationRetention,
        LocationRetentionProcessor,
        LocationRetentionSchedule,
      ],
    };
  }
}
