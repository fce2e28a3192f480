import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import {
  CooperativesRepository,
  DispatchDecisionsRepository,
  DispatchStateRepository,
  OrderSharesRepository,
  OrdersRepository,
  OverflowCandidateRow,
  Transactions,
  WaitingOrderRow,
  withDefaultSettings,
} from '@lib/database';
import { DispatchTrigger } from '@lib/dispatch';
import { createPolicy, DispatchPolicy, NeedsAttention, seededRng } from '@lib/dispatch-policy';
import { OrderTransitions } from '@lib/orders';
import { CourierPositions } from '@lib/positions';
import { DispatchState, SnapshotBuilder } from '../snapshot-builder';
import { PartnerTrial, partnerScore, rankPartners } from './partner-ranking';

/**
 * Partner co-ops take each other's overflow (issue 21), under the same offer protocol:
 *
 * - `handOver`: an order of this co-op that its policy could not serve (no courier, or the
 *   offer limit reached) and that lies in an active partnership's area goes to the partner
 *   whose own policy, with its own weights, scores its best courier lowest for it, if the
 *   partnership is still active and under its daily cap. The order then waits in the
 *   partner's decisions (and out of this co-op's), which offer it to their couriers.
 * - `giveBack`: an order a partner handed to this co-op that this co-op cannot serve either
 *   goes back to its owner, flagged for its dispatchers, and is never handed to that
 *   partner again.
 *
 * The policy stays a pure function: each partner's trial is one more call of it on a
 * snapshot of that partner, with the one order waiting.
 */
@Injectable()
export class PartnerOverflow {
  private readonly logger = new Logger('PartnerOverflow');
  private readonly policy: DispatchPolicy;

  constructor(
    private readonly transactions: Transactions,
    private readonly shares: OrderSharesRepository,
    private readonly state: DispatchStateRepository,
    private readonly cooperatives: CooperativesRepository,
    private readonly orders: OrdersRepository,
    private readonly decisions: DispatchDecisionsRepository,
    private readonly transitions: OrderTransitions,
    private readonly trigger: DispatchTrigger,
    private readonly positions: CourierPositions,
    private readonly snapshots: SnapshotBuilder,
    private readonly config: AppConfig,
  ) {
    this.policy = createPolicy(config.env.DISPATCH_POLICY);
  }

  /** Hands this co-op's unservable orders to partners; returns the ids handed over (not to be flagged). */
  async handOver(needsAttention: readonly NeedsAttention[], waiting: readonly WaitingOrderRow[], now: Date): Promise<Set<string>> {
    const handed = new Set<string>();
    const candidates = await this.shares.candidates(needsAttention.map((flag) => flag.orderId));
    if (!candidates.length) return handed;
    const waitingById = new Map(waiting.map((order) => [order.id, order]));
    // Each partner's state is read once per decision, whatever the number of orders to place.
    const states = new Map<string, PartnerState>();
    for (const [orderId, partners] of groupByOrder(candidates)) {
      const order = waitingById.get(orderId);
      if (!order) continue;
      const trials: PartnerTrial[] = [];
      for (const partner of partners) {
        // One after the other: reading a partner's state switches the transaction's scope to it.
        if (!states.has(partner.carrierCooperativeId)) states.set(partner.carrierCooperativeId, await this.stateOf(partner, now));
        trials.push(this.trial(partner, states.get(partner.carrierCooperativeId)!, order, now));
      }
      for (const best of rankPartners(orderId, trials)) {
        const partner = partners.find((candidate) => candidate.partnershipId === best.partnershipId)!;
        const outcome = await this.shares.share(orderId, partner.partnershipId, partner.carrierCooperativeId, partner.carrierTimezone);
        if (outcome === 'order_moved_on') break;
        if (outcome !== 'shared') continue;
        handed.add(orderId);
        await this.announceHandOver(orderId, best);
        break;
      }
    }
    return handed;
  }

  /**
   * Gives back the orders carried for a partner that this co-op's policy flagged (the
   * decision has just flagged them); returns their ids. The owner is told and asked to
   * decide again: another partner may take it, or its dispatchers will.
   */
  async giveBack(needsAttention: readonly NeedsAttention[]): Promise<string[]> {
    const reasons = new Map(needsAttention.map((flag) => [flag.orderId, flag.reason]));
    const carried = await this.shares.carriedForPartners([...reasons.keys()]);
    if (!carried.length) return [];
    for (const { orderId } of carried) {
      // Logged while the share still lets this co-op write about the order.
      await this.decisions.record({ orderId, policy: 'partner', outcome: 'given_back', courierId: null, offerId: null, reason: `the partner co-op could not serve it either: ${reasons.get(orderId)}`, candidates: [] });
    }
    const given = await this.shares.giveBack(carried.map(({ orderId }) => ({ orderId, reason: reasons.get(orderId)! })));
    for (const { orderId, ownerCooperativeId } of carried.filter((row) => given.includes(row.orderId))) {
      await this.transactions.inTenant(ownerCooperativeId, async () => {
        await this.transitions.changedAll(await this.orders.findByIds([orderId]));
        await this.trigger.request('partner_overflow', orderId);
      });
    }
    return given;
  }

  /** What a partner's policy needs to know of it, read in its own scope: its settings, couriers on shift, what they hold, where they are. */
  private stateOf(partner: OverflowCandidateRow, now: Date): Promise<PartnerState> {
    return this.transactions.inTenant(partner.carrierCooperativeId, async () => {
      const cooperative = await this.cooperatives.findById(partner.carrierCooperativeId);
      return {
        settings: withDefaultSettings(cooperative?.settings ?? {}),
        couriers: await this.state.couriersOnShift(partner.carrierTimezone),
        held: await this.state.heldOrders(),
        positions: await this.positions.all(partner.carrierCooperativeId, this.config.env.POSITION_MAX_AGE_SECONDS, now),
      };
    });
  }

  /** The partner's policy on a snapshot of its couriers with only this order waiting (as new to it: no offers yet). */
  private trial(partner: OverflowCandidateRow, state: PartnerState, order: WaitingOrderRow, now: Date): PartnerTrial {
    const fresh: WaitingOrderRow = { ...order, excludedCourierIds: [], offersMade: 0 };
    const snapshot = this.snapshots.build({ now, ...state, waiting: [fresh] });
    return { partnershipId: partner.partnershipId, carrierCooperativeId: partner.carrierCooperativeId, decisions: this.policy.decide(snapshot, { rng: seededRng(Math.floor(snapshot.now)) }) };
  }

  /** The owner's log says where the order went and why; the partner is asked to decide now. */
  private async announceHandOver(orderId: string, best: PartnerTrial): Promise<void> {
    const score = partnerScore(best.decisions, orderId);
    await this.decisions.record({
      orderId,
      policy: 'partner',
      outcome: 'shared',
      courierId: null,
      offerId: null,
      reason: `no courier of the co-op could take it: handed to partner co-op ${best.carrierCooperativeId}${score !== null && Number.isFinite(score) ? ` (its best courier scores ${Math.round(score * 100) / 100})` : ''}`,
      candidates: [],
    });
    const [order] = await this.orders.findByIds([orderId]);
    if (order) await this.transitions.changed(order);
    await this.transactions.inTenant(best.carrierCooperativeId, () => this.trigger.request('partner_overflow', orderId));
    this.logger.log({ orderId, carrierCooperativeId: best.carrierCooperativeId }, 'order handed to a partner co-op');
  }
}

type PartnerState = Pick<DispatchState, 'settings' | 'couriers' | 'held' | 'positions'>;

function groupByOrder(rows: readonly OverflowCandidateRow[]): Map<string, OverflowCandidateRow[]> {
  const groups = new Map<string, OverflowCandidateRow[]>();
  for (const row of rows) groups.set(row.orderId, [...(groups.get(row.orderId) ?? []), row]);
  return groups;
}
