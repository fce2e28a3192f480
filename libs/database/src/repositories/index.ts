import { CooperativesRepository } from './cooperatives.repository';
import { CouriersRepository } from './couriers.repository';
import { CredentialsRepository } from './credentials.repository';
import { MerchantsRepository } from './merchants.repository';
import { UsersRepository } from './users.repository';

export * from './cooperatives.repository';
export * from './couriers.repository';
export * from './credentials.repository';
export * from './merchants.repository';
export * from './page';
export * from './users.repository';

export const repositories = [CooperativesRepository, CouriersRepository, CredentialsRepository, MerchantsRepository, UsersRepository];
