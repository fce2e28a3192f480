import { Point } from '../model/geometry';
import { WaitingOrder } from '../model/snapshot';

/** Orders of one pickup group to be picked up together by one courier. */
export interface Bundle {
  readonly restaurantId: string;
  readonly pickup: Point;
  readonly orders: readonly WaitingOrder[];
  readonly urgency: Urgency;
}

/** The paper's priority groups: matched in this order so that orders already
 *  late get a courier before orders that can still be served on time. */
export type Urgency = 'late' | 'ready' | 'upcoming';

export const URGENCY_ORDER: readonly Urgency[] = ['late', 'ready', 'upcoming'];

export function latestReady(orders: readonly { readyAt: number }[]): number {
  return Math.max(...orders.map((o) => o.readyAt));
}
