import { DispatchSnapshot, WaitingOrder } from '../model/snapshot';
import { Urgency, URGENCY_ORDER } from './bundle';
import { physicalLimitDropoff } from './order-limits';

/** late: the food is ready and even a courier already at the restaurant would
 *  miss the target click-to-door; ready: the food is waiting; upcoming: not
 *  ready yet. Food still cooking is never urgent, however long the kitchen
 *  takes: ranking it first would hold a courier idle for it while ready
 *  orders wait. */
export function orderUrgency(order: WaitingOrder, snapshot: DispatchSnapshot, targetClickToDoor: number): Urgency {
  if (order.readyAt > snapshot.now) return 'upcoming';
  const waitForFood = Math.max(0, snapshot.now - order.readyAt);
  const earliestDropoff = physicalLimitDropoff(order, order.pickup, snapshot.service, snapshot.travel) + waitForFood;
  if (earliestDropoff > order.placedAt + targetClickToDoor) return 'late';
  if (order.readyAt <= snapshot.now) return 'ready';
  return 'upcoming';
}

export function mostUrgent(urgencies: readonly Urgency[]): Urgency {
  return URGENCY_ORDER.find((u) => urgencies.includes(u)) ?? 'upcoming';
}
