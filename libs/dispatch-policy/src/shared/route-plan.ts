import { Point } from '../model/geometry';
import { CommittedOrder, ServiceMinutes } from '../model/snapshot';
import { TravelModel } from '../model/travel-model';
import { bestDropoffSequence } from './dropoff-sequence';

/** When a courier would pick up a bundle and drop each order off, under the
 *  rules of the day: pickup no earlier than arrival + half a pickup service and
 *  no earlier than the latest ready time; each drop-off half a service after
 *  arriving; leave half a service after each stop. */
export interface RoutePlan {
  readonly arrivesAt: number;
  readonly pickupAt: number;
  readonly sequence: readonly CommittedOrder[];
  readonly dropoffAt: readonly number[];
  readonly freeAt: number;
  readonly freeFrom: Point;
}

export interface RouteStart {
  /** Arrival at the pickup, already known (a courier heading there)... */
  readonly arrivesAt?: number;
  /** ...or computed from where and when the courier can set off. */
  readonly departsAt?: number;
  readonly from?: Point;
  /** No pickup before this instant (the decision time). */
  readonly notBefore: number;
}

export function planRoute(
  start: RouteStart,
  pickup: Point,
  orders: readonly CommittedOrder[],
  service: ServiceMinutes,
  travel: TravelModel,
): RoutePlan {
  const arrivesAt = start.arrivesAt ?? start.departsAt! + travel.minutes(start.from!, pickup);
  const latestReady = Math.max(...orders.map((o) => o.readyAt));
  const pickupAt = Math.max(arrivesAt + service.pickup / 2, latestReady, start.notBefore);
  const sequence = bestDropoffSequence(pickup, pickupAt + service.pickup / 2, orders, service, travel);
  return { arrivesAt, pickupAt, ...timeDropoffs(pickup, pickupAt, sequence, service, travel) };
}

export function timeDropoffs(
  pickup: Point,
  pickupAt: number,
  sequence: readonly CommittedOrder[],
  service: ServiceMinutes,
  travel: TravelModel,
): Pick<RoutePlan, 'sequence' | 'dropoffAt' | 'freeAt' | 'freeFrom'> {
  const dropoffAt: number[] = [];
  let clock = pickupAt + service.pickup / 2;
  let here = pickup;
  for (const order of sequence) {
    const at = clock + travel.minutes(here, order.dropoff) + service.dropoff / 2;
    dropoffAt.push(at);
    clock = at + service.dropoff / 2;
    here = order.dropoff;
  }
  return { sequence, dropoffAt, freeAt: clock, freeFrom: here };
}
