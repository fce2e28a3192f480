import { CommittedOrder, ServiceMinutes } from '../model/snapshot';
import { Point } from '../model/geometry';
import { TravelModel } from '../model/travel-model';

/** The earliest an order could possibly reach its customer: picked up the
 *  moment it is ready by a courier already waiting, ridden straight there
 *  (pickup at ready time, half a pickup service, the ride, half a drop-off service).
 *  Delay against this is the part of click-to-door dispatch can influence. */
export function physicalLimitDropoff(order: CommittedOrder, pickup: Point, service: ServiceMinutes, travel: TravelModel): number {
  return order.readyAt + service.pickup / 2 + travel.minutes(pickup, order.dropoff) + service.dropoff / 2;
}
