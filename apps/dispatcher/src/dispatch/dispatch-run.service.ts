import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { CooperativesRepository, DispatchStateRepository, OffersRepository, Transactions, withDefaultSettings } from '@lib/database';
import { OfferLifecycle } from '@lib/dispatch';
import { createPolicy, DispatchPolicy, seededRng } from '@lib/dispatch-policy';
import { CourierPositions } from '@lib/positions';
import { histogram } from '@lib/observability';
import { CooperativeLock } from './cooperative-lock';
import { DecisionApplier } from './decision-applier';
import { DispatchFollowUps } from './dispatch-follow-ups';
import { PartnerOverflow } from './overflow/partner-overflow';
import { withoutOrders } from './overflow/without-orders';
import { SnapshotBuilder } from './snapshot-builder';
import { WorkOutlookSource } from './work-outlook-source';

const decisionSeconds = histogram('dispatch_decision_seconds', 'Time to build a snapshot, decide and apply it, per cooperative', [], [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]);

export interface DispatchOutcome {
  offered: number;
  flagged: number;
  /** Another dispatcher was deciding for the co-op: it, or a follow-up after its lease, serves this request. */
  handedOver?: boolean;
}

/**
 * One dispatch decision for one cooperative: expire overdue offers, read the state, ask the
 * policy (which applies the co-op's offer limit and the couriers' capacity itself), act on
 * every outcome it returns, all in one transaction under the cooperative's lock. If the
 * process dies midway nothing is committed and the retried job decides afresh from the same
 * state. When another dispatcher holds the lock, the request is left to it and a follow-up
 * is scheduled for when its lease would end, instead of waiting.
 */
@Injectable()
export class DispatchRun {
  private readonly logger = new Logger('DispatchRun');
  private readonly policy: DispatchPolicy;

  constructor(
    private readonly lock: CooperativeLock,
    private readonly transactions: Transactions,
    private readonly cooperatives: CooperativesRepository,
    private readonly state: DispatchStateRepository,
    private readonly offers: OffersRepository,
    private readonly lifecycle: OfferLifecycle,
    private readonly positions: CourierPositions,
    private readonly snapshots: SnapshotBuilder,
    private readonly applier: DecisionApplier,
    private readonly outlooks: WorkOutlookSource,
    private readonly followUps: DispatchFollowUps,
    private readonly overflow: PartnerOverflow,
    private readonly config: AppConfig,
  ) {
    this.policy = createPolicy(config.env.DISPATCH_POLICY);
  }

  async run(cooperativeId: string): Promise<DispatchOutcome> {
    const outcome = await this.lock.runExclusive(cooperativeId, (signal) => this.timed(() => this.transactions.inTenant(cooperativeId, () => this.decide(cooperativeId, signal))));
    if (!outcome.held) {
      await this.followUps.request(cooperativeId, outcome.retryInMs);
      return { offered: 0, flagged: 0, handedOver: true };
    }
    if (outcome.followUp) await this.followUps.request(cooperativeId, 0);
    return outcome.results.reduce((sum, result) => ({ offered: sum.offered + result.offered, flagged: sum.flagged + result.flagged }), { offered: 0, flagged: 0 });
  }

  private async timed<T>(work: () => Promise<T>): Promise<T> {
    const stop = decisionSeconds.startTimer();
    try {
      return await work();
    } finally {
      stop();
    }
  }

  /** `signal` aborts when the co-op's lock may have passed to someone else: nothing is committed then. */
  private async decide(cooperativeId: string, signal: AbortSignal): Promise<{ offered: number; flagged: number }> {
    for (const offer of await this.offers.overdue()) await this.lifecycle.expire(offer.id);
    const cooperative = await this.cooperatives.findById(cooperativeId);
    if (!cooperative) return { offered: 0, flagged: 0 };
    const settings = withDefaultSettings(cooperative.settings);
    if (settings.dispatchMode === 'manual') return { offered: 0, flagged: 0 };

    const now = new Date();
    // One transaction is one connection: its queries run one after the other.
    const waiting = await this.state.waitingOrders();
    const couriers = await this.state.couriersOnShift(cooperative.timezone);
    const held = await this.state.heldOrders();
    const positions = await this.positions.all(cooperativeId, this.config.env.POSITION_MAX_AGE_SECONDS, now);
    const workOutlook = await this.outlooks.forCooperative(cooperativeId, cooperative.timezone, now);
    const snapshot = this.snapshots.build({ now, settings, waiting, couriers, held, positions, workOutlook });
    const decisions = this.policy.decide(snapshot, { rng: seededRng(Math.floor(snapshot.now)) });
    signal.throwIfAborted();
    // Partner co-ops: what this co-op cannot serve may go to a partner instead of a dispatcher,
    // and what a partner handed over that this co-op cannot serve either goes back (flagged).
    const handedOver = await this.overflow.handOver(decisions.needsAttention, waiting, now);
    const { offered, flagged } = await this.applier.apply(withoutOrders(decisions, handedOver), { policy: this.policy.name, settings });
    await this.overflow.giveBack(decisions.needsAttention);
    signal.throwIfAborted();
    if (offered || flagged) this.logger.log({ cooperativeId, offered, flagged, waiting: waiting.length, couriers: snapshot.couriers.length }, 'dispatch decided');
    return { offered, flagged };
  }
}
