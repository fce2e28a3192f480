import { CourierEntity, UserEntity } from '@lib/database';
import { presentCourier } from '../couriers/courier.presenter';

/** The public shape of a user: never the password hash. */
export function presentUser(user: UserEntity, courier?: CourierEntity | null) {
  return {
    id: user.id,
    cooperativeId: user.cooperativeId,
    email: user.email,
    name: user.name,
    role: user.role,
    phone: user.phone,
    merchantId: user.merchantId,
    ...(courier ? { courier: presentCourier(courier, user.name) } : {}),
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
