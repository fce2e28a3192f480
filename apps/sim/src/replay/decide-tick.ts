import { performance } from 'node:perf_hooks';
import { DispatchPolicy, NeedsAttention, Rng } from '@lib/dispatch-policy';
import { applyDecisions } from '../world/apply-decisions';
import { OfferResponder } from '../world/offer-responder';
import { SimWorld } from '../world/sim-world';
import { SimCoop, worldSnapshot } from '../world/world-snapshot';
import { checkEveryOrderDecided } from './check-outcomes';

/** Rounds a declined offer may trigger within the same minute before the rest
 *  waits for the next minute (production: the next candidate is offered at once). */
const MAX_CASCADE_ROUNDS = 10;

export interface TickOutcome {
  /** Policy time over every cascade round of this tick, ms (0 when nothing was waiting). */
  readonly policyMillis: number;
  readonly accepted: number;
  readonly declined: number;
  /** Orders newly flagged for a person. */
  readonly flagged: number;
  /** The needs-attention outcomes of the tick's last round: every order still waiting was
   *  decided in it, so these are the orders the policy left for a person this minute. */
  readonly needsAttention: readonly NeedsAttention[];
}

/** One co-op's decision at one minute: snapshot, policy, act, and again while offers were
 *  declined (the cascade). Shared by the one-co-op and the two-co-op replays so both act
 *  on the policy's outcomes the same way. */
export function decideTick(world: SimWorld, now: number, coop: SimCoop, policy: DispatchPolicy, responder: OfferResponder, rng: Rng): TickOutcome {
  let policyMillis = 0;
  let accepted = 0;
  let declined = 0;
  let flagged = 0;
  let needsAttention: readonly NeedsAttention[] = [];
  for (let round = 0; round < MAX_CASCADE_ROUNDS; round++) {
    const snapshot = worldSnapshot(world, now, coop);
    if (snapshot.orders.length === 0) break;
    const t0 = performance.now();
    const decisions = policy.decide(snapshot, { rng });
    policyMillis += performance.now() - t0;
    checkEveryOrderDecided(snapshot, decisions);
    needsAttention = decisions.needsAttention;
    const outcome = applyDecisions(world, now, decisions, responder);
    accepted += outcome.accepted;
    declined += outcome.declined;
    flagged += outcome.flagged;
    if (outcome.declined === 0) break;
  }
  return { policyMillis, accepted, declined, flagged, needsAttention };
}
