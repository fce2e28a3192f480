import { performance } from 'node:perf_hooks';
import { CoopLimits, CoopWeights, DispatchPolicy, seededRng, WorkOutlook } from '@lib/dispatch-policy';
import { MdrpInstance } from '../mdrp/instance';
import { advanceWorld } from '../world/advance-world';
import { applyDecisions } from '../world/apply-decisions';
import { OfferResponder } from '../world/offer-responder';
import { createWorld, MDRP_RULES, SimWorld, WorldRules } from '../world/sim-world';
import { worldSnapshot } from '../world/world-snapshot';
import { checkEveryOrderDecided } from './check-outcomes';

/** Rounds a declined offer may trigger within the same minute before the rest
 *  waits for the next minute (production: the next candidate is offered at once). */
const MAX_CASCADE_ROUNDS = 10;

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
    let spent = 0;
    for (let round = 0; round < MAX_CASCADE_ROUNDS; round++) {
      const snapshot = worldSnapshot(world, now, options);
      if (snapshot.orders.length === 0) break;
      const t0 = performance.now();
      const decisions = options.policy.decide(snapshot, { rng });
      spent += performance.now() - t0;
      checkEveryOrderDecided(snapshot, decisions);
      const outcome = applyDecisions(world, now, decisions, options.responder);
      offersAccepted += outcome.accepted;
      offersDeclined += outcome.declined;
      ordersFlagged += outcome.flagged;
      if (outcome.declined === 0) break;
    }
    if (spent > 0) decisionMillis.push(spent);
  }
  advanceWorld(world, Infinity); // drop-offs may finish after the last shift ends
  return { world, decisionMillis, offersAccepted, offersDeclined, ordersFlagged, wallMillis: performance.now() - started };
}
