import { Injectable, Logger } from '@nestjs/common';
import { CooperativeSettings, DispatchDecisionsRepository, OrdersRepository } from '@lib/database';
import { OfferLifecycle } from '@lib/dispatch';
import { Assignment, DispatchDecisions } from '@lib/dispatch-policy';
import { OrderTransitions } from '@lib/orders';

export interface ApplyContext {
  policy: string;
  settings: CooperativeSettings;
  spareCapacity: Map<string, number>;
  /** Orders that no courier in the snapshot could take at all. */
  unservable: Set<string>;
}

/**
 * Acts on the policy's decisions in the decision's transaction: an offer per newly assigned
 * order (within the courier's spare capacity), and the reasons in the dispatch log. A
 * deferral is logged only when its reason changes, not every tick.
 */
@Injectable()
export class DecisionApplier {
  private readonly logger = new Logger('DecisionApplier');

  constructor(
    private readonly offers: OfferLifecycle,
    private readonly orders: OrdersRepository,
    private readonly decisions: DispatchDecisionsRepository,
    private readonly transitions: OrderTransitions,
  ) {}

  async apply(decisions: DispatchDecisions, context: ApplyContext): Promise<{ offered: number }> {
    let offered = 0;
    for (const assignment of decisions.assignments) offered += await this.offerAssignment(assignment, context);
    const deferredIds = decisions.deferred.map((deferral) => deferral.orderId);
    const latest = await this.decisions.latest(deferredIds);
    for (const deferral of decisions.deferred) {
      const outcome = context.unservable.has(deferral.orderId) ? 'no_candidate' : 'deferred';
      const previous = latest.get(deferral.orderId);
      if (previous?.outcome === outcome && previous.reason === deferral.reason) continue;
      await this.decisions.record({
        orderId: deferral.orderId,
        policy: context.policy,
        outcome,
        courierId: deferral.plannedCourierId ?? null,
        offerId: null,
        reason: deferral.reason,
        candidates: [],
      });
    }
    return { offered };
  }

  private async offerAssignment(assignment: Assignment, context: ApplyContext): Promise<number> {
    const spare = context.spareCapacity.get(assignment.courierId) ?? 0;
    const orderIds = assignment.newOrderIds.slice(0, spare);
    let made = 0;
    for (const orderId of orderIds) {
      const order = await this.orders.findById(orderId);
      if (!order || order.status !== 'pending') continue;
      const offer = await this.offers.make(order, assignment.courierId, context.settings.offerTimeoutSeconds);
      if (!offer) continue;
      made += 1;
      await this.decisions.record({
        orderId,
        policy: context.policy,
        outcome: 'offered',
        courierId: assignment.courierId,
        offerId: offer.id,
        reason: assignment.reason,
        candidates: assignment.candidates.map((candidate) => ({ courierId: candidate.courierId, score: round(candidate.score), terms: roundTerms(candidate.terms) })),
      });
    }
    context.spareCapacity.set(assignment.courierId, spare - made);
    if (made < assignment.newOrderIds.length) this.logger.debug({ courierId: assignment.courierId }, 'assignment trimmed to the courier capacity');
    return made;
  }
}

const round = (value: number) => Math.round(value * 100) / 100;
const roundTerms = (terms: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(terms).map(([name, value]) => [name, round(value)]));
