import { Point } from '@lib/dispatch-policy';
import { MdrpInstance } from '../mdrp/instance';
import { mdrpTravelModel } from '../mdrp/mdrp-travel';
import { SolutionMove } from '../solution/solution';

/** Where a courier is between two moves: at `location` from `arrivedAt`
 *  until it next departs. The evaluator's "where is the courier at minute t". */
export interface Stay {
  readonly location: string;
  readonly arrivedAt: number;
  readonly leavesAt: number;
}

export interface CourierStays {
  readonly stays: Stay[];
  readonly problems: string[];
}

/** Replays one courier's moves: continuity of places, no leaving before arriving. */
export function courierStays(instance: MdrpInstance, courierId: string, moves: readonly SolutionMove[]): CourierStays {
  const courier = instance.couriers.find((c) => c.id === courierId);
  if (!courier) return { stays: [], problems: [`unknown courier ${courierId}`] };
  const travel = mdrpTravelModel(instance.parameters.metresPerMinute);
  const place = placeResolver(instance, courier.start);
  const problems: string[] = [];
  const stays: Stay[] = [];
  let location = '0';
  let arrivedAt = courier.onAt;
  for (const move of moves) {
    const label = `courier ${courierId} move ${move.origin}->${move.destination} at ${move.departedAt}`;
    if (move.origin !== location) problems.push(`${label}: teleport, it is at ${location}`);
    if (move.departedAt < arrivedAt) problems.push(`${label}: leaves before arriving (${arrivedAt})`);
    const from = place(move.origin);
    const to = place(move.destination);
    if (!from || !to) {
      problems.push(`${label}: unknown place`);
      break;
    }
    stays.push({ location, arrivedAt, leavesAt: move.departedAt });
    location = move.destination;
    arrivedAt = move.departedAt + travel.minutes(from, to);
  }
  stays.push({ location, arrivedAt, leavesAt: Infinity });
  return { stays, problems };
}

function placeResolver(instance: MdrpInstance, start: Point): (id: string) => Point | undefined {
  const dropoffs = new Map(instance.orders.map((o) => [o.id, o.dropoff]));
  return (id) => (id === '0' ? start : (instance.restaurants.get(id) ?? dropoffs.get(id)));
}

/** The stay at `location` covering minute `at`, strictly after arrival. */
export function stayAt(stays: readonly Stay[], location: string, at: number): Stay | undefined {
  return stays.find((s) => s.location === location && s.arrivedAt < at && at <= s.leavesAt);
}
