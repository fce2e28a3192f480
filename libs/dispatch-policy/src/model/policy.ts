import { DispatchDecisions } from './decisions';
import { Rng } from './rng';
import { DispatchSnapshot } from './snapshot';

/** One decision step: a snapshot in, an outcome for every waiting order out, nothing else
 *  touched. The BullMQ worker and the simulator are two adapters around `decide`; the
 *  co-op's rules (offer limit, spare capacity) are applied inside it, by
 *  `decideWithinCoopRules`, so neither adapter decides anything. */
export interface DispatchPolicy {
  readonly name: string;
  /** How often the adapter should call `decide` when nothing else happens
   *  (minutes); adapters may call it more often, e.g. on a new order or a decline. */
  readonly cadenceMinutes: number;
  decide(snapshot: DispatchSnapshot, context: DecisionContext): DispatchDecisions;
}

export interface DecisionContext {
  /** Seeded by the adapter. The shipped policies break ties by id and do not
   *  draw from it; it is here so a randomised policy stays replayable. */
  readonly rng: Rng;
}
