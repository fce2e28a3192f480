import { haversineMeters, type LatLng } from '@lib/geo';
import type { OrderStatus, OrderStop, OrderView } from '@lib/wire';

export type Stop = Pick<OrderStop, 'address' | 'location'>;

/** An order a simulated courier holds, as far as riding it needs. */
export interface Job {
  orderId: string;
  trackingToken: string;
  merchantName: string;
  pickup: Stop;
  dropoff: Stop;
  readyAt: string | null;
  status: 'assigned' | 'picked_up';
}

export const HELD_STATUSES = ['assigned', 'picked_up'] as const satisfies readonly OrderStatus[];

/** What riding needs of the order as the API presents it (in an accept answer, a list or an `order.updated` event). */
export type RiddenOrder = Pick<OrderView, 'id' | 'status' | 'trackingToken' | 'readyAt'> & { pickup: Stop; dropoff: Stop };

export function jobFromOrder(order: RiddenOrder, merchantName = 'the restaurant'): Job {
  return {
    orderId: order.id,
    trackingToken: order.trackingToken,
    merchantName,
    pickup: order.pickup,
    dropoff: order.dropoff,
    readyAt: order.readyAt,
    status: order.status === 'picked_up' ? 'picked_up' : 'assigned',
  };
}

export interface NextStop {
  job: Job;
  kind: 'pickup' | 'dropoff';
  location: LatLng;
}

/**
 * Where to ride next with several orders on board: the nearest stop that can be done now,
 * a pickup of an order not yet collected or the door of one that is. Greedy, like most
 * riders; a dropoff only after its pickup by construction.
 */
export function nextStop(position: LatLng, jobs: Iterable<Job>): NextStop | null {
  let best: NextStop | null = null;
  let bestDistance = Infinity;
  for (const job of jobs) {
    const stop: NextStop = job.status === 'assigned'
      ? { job, kind: 'pickup', location: job.pickup.location }
      : { job, kind: 'dropoff', location: job.dropoff.location };
    const distance = haversineMeters(position, stop.location);
    if (distance < bestDistance) [best, bestDistance] = [stop, distance];
  }
  return best;
}
