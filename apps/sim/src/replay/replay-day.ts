import { performance } from 'node:perf_hooks';
import { CoopLimits, CoopWeights, DispatchPolicy, seededRng, WorkOutlook } from '@lib/dispatch-policy';
import { MdrpInstance } from '../mdrp/instance';
import { advanceWorld } from '../world/advance-world';
import { OfferResponder } from '../world/offer-responder';
import { createWorld, MDRP_RULES, SimWorld, WorldRules } from '../world/sim-world';
import { decideTick } from './decide-tick';

export interface ReplayOptions {
  readonly policy: DispatchPolicy;
  readonly weights: CoopWeights;
  readonly responder: OfferResponder;
  /** Seeds the generator handed to the policy. */
  readonly seed: number;
  /** The co-op's expected jobs per courier-hour, if it has one. */
  readonly workOutlook?: WorkOutlook;
  /** The co-op's offer limit (absent: none, as the MDRP sets none). */
  readonly limits?: CoopLimits;
  /** Courier capacity (default: none, as the MDRP sets none). */
  readonly rules?: WorldRules;
}

export interface ReplayResult {
  readonly world: SimWorld;
  /** Policy time per decision tick (all cascade rounds of that minute), ms. */
  readonly decisionMillis: readonly number[];
  readonly offersAccepted: number;
  readonly offersDeclined: number;
  /** Times an order was flagged for a person. */
  readonly ordersFlagged: number;
  readonly wallMillis: number;
}

/** Replays one day minute by minute: orders appear at their placement time,
 *  the policy decides every `cadenceMinutes`, couriers move by the rules. */
export function replayDay(instance: MdrpInstance, options: ReplayOptions): ReplayResult {
  const started = performance.now();
  const world = createWorld(instance, options.rules ?? MDRP_RULES);
  const rng = seededRng(options.seed);
  const firstMinute = Math.min(...instance.couriers.map((c) => c.onAt), ...instance.orders.map((o) => o.placedAt));
  const lastPickupMinute = Math.max(...instance.couriers.map((c) => c.offAt));
  const decisionMillis: number[] = [];
  let offersAccepted = 0;
  let offersDeclined = 0;
  let ordersFlagged = 0;
  for (let now = firstMinute; now <= lastPickupMinute; now++) {
    advanceWorld(world, now);
    if ((now - firstMinute) % options.policy.cadenceMinutes !== 0) continue;
    const tick = decideTick(world, now, options, options.policy, options.responder, rng);
    offersAccepted += tick.accepted;
    offersDeclined += tick.declined;
    ordersFlagged += tick.flagged;
    if (tick.policyMillis > 0) decisionMillis.push(tick.policyMillis);
  }
  advanceWorld(world, Infinity); // drop-offs may finish after the last shift ends
  return { world, decisionMillis, offersAccepted, offersDeclined, ordersFlagged, wallMillis: performance.now() - started };
}
