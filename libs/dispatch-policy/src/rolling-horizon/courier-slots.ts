import { Point } from '../model/geometry';
import { CommittedOrder, CourierSnapshot, DispatchSnapshot, HeadingToPickupStatus } from '../model/snapshot';
import { RollingHorizonConfig } from './config';

/** What a courier can offer to the matching this round: a fresh job from some
 *  place and time (idle now, or free soon after its current delivery), or more
 *  orders of the restaurant it is already heading to. */
export type CourierSlot = FreshJobSlot | ExtendJobSlot;

export interface FreshJobSlot {
  readonly kind: 'fresh';
  readonly courier: CourierSnapshot;
  readonly departsAt: number;
  readonly from: Point;
  /** Only idle couriers can be committed now; the others are planned for. */
  readonly idleNow: boolean;
}

export interface ExtendJobSlot {
  readonly kind: 'extend';
  readonly courier: CourierSnapshot;
  readonly job: HeadingToPickupStatus;
  readonly held: readonly CommittedOrder[];
}

export function courierSlots(snapshot: DispatchSnapshot, config: RollingHorizonConfig): CourierSlot[] {
  const slots: CourierSlot[] = [];
  for (const courier of snapshot.couriers) {
    if (courier.shiftEndsAt < snapshot.now) continue;
    const status = courier.status;
    if (status.kind === 'idle') {
      slots.push({ kind: 'fresh', courier, departsAt: snapshot.now, from: courier.position, idleNow: true });
    } else if (status.kind === 'delivering') {
      if (status.availableAt - snapshot.now > config.courierLookaheadMinutes) continue;
      if (status.availableAt > courier.shiftEndsAt) continue;
      const departsAt = Math.max(snapshot.now, status.availableAt);
      slots.push({ kind: 'fresh', courier, departsAt, from: status.availableFrom, idleNow: departsAt <= snapshot.now });
    } else {
      slots.push({ kind: 'extend', courier, job: status, held: status.orders });
    }
  }
  return slots;
}
