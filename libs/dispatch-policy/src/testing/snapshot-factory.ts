import { Point } from '../model/geometry';
import { CourierSnapshot, CourierStatus, DispatchSnapshot, WaitingOrder } from '../model/snapshot';
import { planarTravelModel } from '../model/travel-model';

/** Specs' world: 100 m per minute, whole minutes, 4-minute services, so a
 *  courier 500 m away is 5 minutes away. */
export const TEST_TRAVEL = planarTravelModel({ metresPerMinute: 100, roundUpToMinute: true });

export function aSnapshot(overrides: Partial<DispatchSnapshot> = {}): DispatchSnapshot {
  return {
    now: 100,
    couriers: [],
    orders: [],
    weights: { fairness: 0 },
    service: { pickup: 4, dropoff: 4 },
    travel: TEST_TRAVEL,
    ...overrides,
  };
}

export function aCourier(id: string, position: Point, overrides: Partial<CourierSnapshot> = {}): CourierSnapshot {
  const status: CourierStatus = { kind: 'idle' };
  return { id, position, shiftEndsAt: 1_000, status, ordersToday: 0, earningsToday: 0, onShiftMinutesToday: 60, ...overrides };
}

export const RESTAURANT: Point = { x: 0, y: 0 };

export function anOrder(id: string, overrides: Partial<WaitingOrder> = {}): WaitingOrder {
  return {
    id,
    restaurantId: 'r1',
    pickup: RESTAURANT,
    dropoff: { x: 1_000, y: 0 },
    placedAt: 90,
    readyAt: 100,
    excludedCourierIds: [],
    offersMade: 0,
    ...overrides,
  };
}

export function at(x: number, y = 0): Point {
  return { x, y };
}
