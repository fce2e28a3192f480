import { Point } from '../model/geometry';
import { CommittedOrder, ServiceMinutes } from '../model/snapshot';
import { TravelModel } from '../model/travel-model';

/** Bundles beyond this size are sequenced by nearest neighbour instead of
 *  trying every order (5! = 120 routes is still cheap; 7! is not). */
const EXHAUSTIVE_UP_TO = 5;

/** The drop-off order that minimises the sum of drop-off times, i.e. the total
 *  click-to-door of the bundle (what customers feel), not the route length. */
export function bestDropoffSequence(
  start: Point,
  leavesAt: number,
  orders: readonly CommittedOrder[],
  service: ServiceMinutes,
  travel: TravelModel,
): CommittedOrder[] {
  if (orders.length <= 1) return [...orders];
  if (orders.length > EXHAUSTIVE_UP_TO) return nearestNeighbour(start, orders, travel);
  let best: CommittedOrder[] = [...orders];
  let bestSum = Infinity;
  for (const candidate of permutations([...orders])) {
    const sum = sumOfDropoffs(start, leavesAt, candidate, service, travel);
    if (sum < bestSum) {
      bestSum = sum;
      best = candidate;
    }
  }
  return best;
}

function sumOfDropoffs(start: Point, leavesAt: number, seq: CommittedOrder[], service: ServiceMinutes, travel: TravelModel): number {
  let clock = leavesAt;
  let here = start;
  let sum = 0;
  for (const order of seq) {
    const at = clock + travel.minutes(here, order.dropoff) + service.dropoff / 2;
    sum += at;
    clock = at + service.dropoff / 2;
    here = order.dropoff;
  }
  return sum;
}

function nearestNeighbour(start: Point, orders: readonly CommittedOrder[], travel: TravelModel): CommittedOrder[] {
  const left = [...orders];
  const seq: CommittedOrder[] = [];
  let here = start;
  while (left.length > 0) {
    let bestIndex = 0;
    for (let i = 1; i < left.length; i++) {
      if (travel.minutes(here, left[i].dropoff) < travel.minutes(here, left[bestIndex].dropoff)) bestIndex = i;
    }
    const [next] = left.splice(bestIndex, 1);
    seq.push(next);
    here = next.dropoff;
  }
  return seq;
}

function* permutations<T>(items: T[], k = 0): Generator<T[]> {
  if (k === items.length - 1) {
    yield [...items];
    return;
  }
  for (let i = k; i < items.length; i++) {
    [items[k], items[i]] = [items[i], items[k]];
    yield* permutations(items, k + 1);
    [items[k], items[i]] = [items[i], items[k]];
  }
}
