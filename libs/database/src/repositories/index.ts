import { BacklogRepository } from './backlog.repository';
import { CooperativesRepository } from './cooperatives.repository';
import { CourierDataRepository } from './courier-data.repository';
import { CourierLocationsRepository } from './courier-locations.repository';
import { CourierReportRepository } from './courier-report.repository';
import { CouriersRepository } from './couriers.repository';
import { CredentialsRepository } from './credentials.repository';
import { DispatchDecisionsRepository } from './dispatch-decisions.repository';
import { DispatchStateRepository } from './dispatch-state.repository';
import { IdempotencyRepository } from './idempotency.repository';
import { MerchantsRepository } from './merchants.repository';
import { OffersRepository } from './offers.repository';
import { OrderSharesRepository } from './order-shares.repository';
import { OrdersRepository } from './orders.repository';
import { OutboxRepository } from './outbox.repository';
import { PartnershipsRepository } from './partnerships.repository';
import { UsersRepository } from './users.repository';
import { WebhooksRepository } from './webhooks.repository';

export * from './backlog.repository';
export * from './cooperatives.repository';
export * from './courier-data.repository';
export * from './courier-locations.repository';
export * from './courier-report.repository';
export * from './couriers.repository';
export * from './credentials.repository';
export * from './dispatch-decisions.repository';
export * from './dispatch-state.repository';
export * from './idempotency.repository';
export * from './merchants.repository';
export * from './offers.repository';
export * from './order-record';
export * from './order-shares.repository';
export * from './orders.repository';
export * from './outbox.repository';
export * from './page';
export * from './partnerships.repository';
export * from './users.repository';
export * from './webhooks.repository';

export const repositories = [
  BacklogRepository,
  CooperativesRepository,
  CourierDataRepository,
  CourierLocationsRepository,
  CourierReportRepository,
  CouriersRepository,
  CredentialsRepository,
  DispatchDecisionsRepository,
  DispatchStateRepository,
  IdempotencyRepository,
  MerchantsRepository,
  OffersRepository,
  OrderSharesRepository,
  OrdersRepository,
  OutboxRepository,
  PartnershipsRepository,
  UsersRepository,
  WebhooksRepository,
];
