import { SimCourier, SimJob, SimWorld } from './sim-world';

/** Moves the world to minute `now`: jobs whose pickup instant has come are
 *  picked up (their order set is frozen from then on), and couriers whose last
 *  drop-off service is over wait at that customer's door. */
export function advanceWorld(world: SimWorld, now: number): void {
  for (const courier of world.couriers.values()) {
    const job = courier.job;
    if (!job) continue;
    if (job.pickedUpAt === undefined && pickupInstant(world, job) <= now) pickUp(world, job);
    if (job.freeAt !== undefined && job.freeAt <= now) finish(world, courier, job);
  }
}

/** Pickup no earlier than arrival + half a service, nor than the latest ready time. */
export function pickupInstant(world: SimWorld, job: SimJob): number {
  const latestReady = Math.max(...job.orderIds.map((id) => world.orders.get(id)!.spec.readyAt));
  return Math.max(job.arrivesAt + world.service.pickup / 2, latestReady);
}

function pickUp(world: SimWorld, job: SimJob): void {
  job.pickedUpAt = pickupInstant(world, job);
  job.dropoffAt = [];
  let clock = job.pickedUpAt + world.service.pickup / 2;
  let here = job.pickup;
  for (const id of job.orderIds) {
    const dropoff = world.orders.get(id)!.spec.dropoff;
    const at = clock + world.travel.minutes(here, dropoff) + world.service.dropoff / 2;
    job.dropoffAt.push(at);
    clock = at + world.service.dropoff / 2;
    here = dropoff;
  }
  job.freeAt = clock;
}

function finish(world: SimWorld, courier: SimCourier, job: SimJob): void {
  const lastOrderId = job.orderIds[job.orderIds.length - 1];
  courier.position = world.orders.get(lastOrderId)!.spec.dropoff;
  courier.locationLabel = lastOrderId;
  courier.finishedJobs.push(job);
  courier.job = undefined;
}
