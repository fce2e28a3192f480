import { CourierRecord } from '@lib/database';
import type { CourierView } from '@lib/wire';

export function presentCourier(courier: CourierRecord, name?: string): CourierView {
  return {
    id: courier.id,
    cooperativeId: courier.cooperativeId,
    userId: courier.userId,
    ...(name !== undefined ? { name } : {}),
    vehicle: courier.vehicle,
    capacity: courier.capacity,
    onShift: courier.onShift,
    shiftStartedAt: courier.shiftStartedAt?.toISOString() ?? null,
    shiftEndsAt: courier.shiftEndsAt?.toISOString() ?? null,
    createdAt: courier.createdAt.toISOString(),
    updatedAt: courier.updatedAt.toISOString(),
  };
}
