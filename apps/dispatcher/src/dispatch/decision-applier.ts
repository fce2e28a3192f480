import { Injectable } from '@nestjs/common';
import { CooperativeSettings, DispatchDecisionsRepository, DispatchStateRepository, OrdersRepository } from '@lib/database';
import { OfferLifecycle } from '@lib/dispatch';
import { Assignment, DispatchDecisions, NeedsAttention } from '@lib/dispatch-policy';
import { OrderTransitions } from '@lib/orders';

export interface ApplyContext {
  policy: string;
  settings: CooperativeSettings;
}

export interface Applied {
  offered: number;
  flagged: number;
}

/** A deferral and a "no courier could take it" are logged; an order at the offer limit is only flagged. */
type LoggedWait = { orderId: string; outcome: 'deferred' | 'no_candidate'; reason: string; courierId: string | null };

/**
 * Acts on the policy's outcomes in the decision's transaction, deciding nothing itself: an
 * offer per newly assigned order, the reasons in the dispatch log (a wait is logged only
 * when its reason changes, not every tick), and the orders that need a person flagged for
 * the dispatchers' queue.
 */
@Injectable()
export class DecisionApplier {
  constructor(
    private readonly offers: OfferLifecycle,
    private readonly orders: OrdersRepository,
    private readonly decisions: DispatchDecisionsRepository,
    private readonly transitions: OrderTransitions,
    private readonly state: DispatchStateRepository,
  ) {}

  async apply(decisions: DispatchDecisions, context: ApplyContext): Promise<Applied> {
    const offered = await this.offer(decisions.assignments, context);
    await this.logWaits(waitsOf(decisions), context);
    const flagged = await this.flag(decisions.needsAttention);
    return { offered, flagged };
  }

  /** Every new offer of the decision at once, each logged with the candidates it was weighed against. */
  private async offer(assignments: readonly Assignment[], context: ApplyContext): Promise<number> {
    const proposals = assignments.flatMap((assignment) => assignment.newOrderIds.map((orderId) => ({ orderId, courierId: assignment.courierId, assignment })));
    const made = await this.offers.make(proposals, context.settings.offerTimeoutSeconds);
    const proposalOf = new Map(proposals.map((proposal) => [proposal.orderId, proposal]));
    await this.decisions.recordMany(
      made.map((offer) => {
        const { assignment } = proposalOf.get(offer.orderId)!;
        return {
          orderId: offer.orderId,
          policy: context.policy,
          outcome: 'offered',
          courierId: offer.courierId,
          offerId: offer.id,
          reason: assignment.reason,
          candidates: assignment.candidates.map((candidate) => ({ courierId: candidate.courierId, score: round(candidate.score), terms: roundTerms(candidate.terms) })),
        };
      }),
    );
    return made.length;
  }

  private async logWaits(waits: LoggedWait[], context: ApplyContext): Promise<void> {
    const latest = await this.decisions.latest(waits.map((wait) => wait.orderId));
    const changed = waits.filter((wait) => {
      const previous = latest.get(wait.orderId);
      return previous?.outcome !== wait.outcome || previous.reason !== wait.reason;
    });
    await this.decisions.recordMany(changed.map((wait) => ({ orderId: wait.orderId, policy: context.policy, outcome: wait.outcome, courierId: wait.courierId, offerId: null, reason: wait.reason, candidates: [] })));
  }

  /** Dispatchers see flagged orders in their queue; an order already flagged is not announced again. */
  private async flag(needsAttention: readonly NeedsAttention[]): Promise<number> {
    const flagged = await this.state.flagNeedsAttention(needsAttention.map((flag) => flag.orderId));
    await this.transitions.changedAll(await this.orders.findByIds(flagged));
    return flagged.length;
  }
}

function waitsOf(decisions: DispatchDecisions): LoggedWait[] {
  return [
    ...decisions.deferred.map((deferral): LoggedWait => ({ orderId: deferral.orderId, outcome: 'deferred', reason: deferral.reason, courierId: deferral.plannedCourierId ?? null })),
    ...decisions.needsAttention
      .filter((flag) => flag.cause === 'no-courier')
      .map((flag): LoggedWait => ({ orderId: flag.orderId, outcome: 'no_candidate', reason: flag.reason, courierId: null })),
  ];
}

const round = (value: number) => Math.round(value * 100) / 100;
const roundTerms = (terms: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(terms).map(([name, value]) => [name, round(value)]));
