import { CourierRecord, UserRecord } from '@lib/database';
import { presentCourier } from '../couriers/courier.presenter';

/** The public shape of a user: never the password hash. */
export function presentUser(user: UserRecord, courier?: CourierRecord | null) {
  return {
    id: user.id,
    cooperativeId: user.cooperativeId,
    email: user.email,
    name: user.name,
    role: user.role,
    phone: user.phone,
    merchantId: user.merchantId,
    ...(courier ? { courier: presentCourier(courier, user.name) } : {}),
    deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
