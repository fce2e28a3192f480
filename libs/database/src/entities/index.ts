import { CooperativeEntity } from './cooperative.entity';
import { CourierEntity } from './courier.entity';
import { MerchantApiKeyEntity } from './merchant-api-key.entity';
import { MerchantEntity } from './merchant.entity';
import { UserEntity } from './user.entity';

export * from './cooperative.entity';
export * from './cooperative-settings';
export * from './courier.entity';
export * from './merchant-api-key.entity';
export * from './merchant.entity';
export * from './role';
export * from './user.entity';

export const entities = [CooperativeEntity, UserEntity, MerchantEntity, CourierEntity, MerchantApiKeyEntity];
