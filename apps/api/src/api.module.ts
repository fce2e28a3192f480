import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@lib/auth';
import { AppConfig, ConfigModule } from '@lib/config';
import { DatabaseModule } from '@lib/database';
import { loggingModule } from '@lib/http';
import { ObservabilityModule } from '@lib/observability';
import { DispatchDomainModule } from '@lib/dispatch';
import { OrdersDomainModule } from '@lib/orders';
import { RedisModule } from '@lib/queues';
import { LoginModule } from './auth/auth.module';
import { CooperativesModule } from './cooperatives/cooperatives.module';
import { CourierDataModule } from './courier-data/courier-data.module';
import { CourierWorkModule } from './courier-work/courier-work.module';
import { CouriersModule } from './couriers/couriers.module';
import { DispatchDeskModule } from './dispatch-desk/dispatch-desk.module';
import { LocationsModule } from './locations/locations.module';
import { MerchantsModule } from './merchants/merchants.module';
import { OrdersModule } from './orders/orders.module';
import { PartnershipsModule } from './partnerships/partnerships.module';
import { ReportsModule } from './reports/reports.module';
import { TrackingViewModule } from './tracking-view/tracking-view.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WebPagesModule } from './web/web-pages.module';

/** The REST API process: administration, intake and the web pages. */
@Module({})
export class ApiModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        loggingModule('api'),
        DatabaseModule,
        RedisModule,
        AuthModule,
        ObservabilityModule,
        LoginModule,
        CooperativesModule,
        UsersModule,
        MerchantsModule,
        CouriersModule,
        LocationsModule,
        OrdersDomainModule,
        OrdersModule,
        DispatchDomainModule,
        CourierWorkModule,
        DispatchDeskModule,
        TrackingViewModule,
        WebhooksModule,
        PartnershipsModule,
        ReportsModule,
        CourierDataModule,
        WebPagesModule,
      ],
    };
  }
}
