import { HttpStatus, Injectable } from '@nestjs/common';
import { DispatchDecisionsRepository, OfferRecord, OffersRepository, OrderRecord, OutboxRepository } from '@lib/database';
import { ProblemError } from '@lib/http';
import { LiveAnnouncements, OrderTransitions } from '@lib/orders';
import { DispatchTrigger } from './dispatch-trigger';
import { offerOutcomes } from './offer-metrics';
import { OfferWithdrawal } from './offer-withdrawal';

const offerGone = (detail: string) => new ProblemError(HttpStatus.CONFLICT, detail, 'offer_not_available');

/**
 * An offer's life: made by dispatch, then accepted, declined, expired or withdrawn exactly
 * once (expiries and withdrawals through `OfferWithdrawal`). Each step is a conditional
 * update on the offer and on the order, in the caller's transaction, so racing accepts, a
 * dispatcher's assignment and an expiry can never produce two holders.
 */
@Injectable()
export class OfferLifecycle {
  constructor(
    private readonly offers: OffersRepository,
    private readonly withdrawal: OfferWithdrawal,
    private readonly decisions: DispatchDecisionsRepository,
    private readonly transitions: OrderTransitions,
    private readonly outbox: OutboxRepository,
    private readonly trigger: DispatchTrigger,
    private readonly announcements: LiveAnnouncements,
  ) {}

  /**
   * Offers pending orders to couriers (a whole decision's offers) in a fixed number of
   * statements whatever their number: one insert of the offers, one move of their orders to
   * `offered`, one insert of the expiry jobs. Orders no longer pending (or already offered) are
   * skipped; one that moves on between the two statements rolls the decision back.
   */
  async make(proposals: { orderId: string; courierId: string }[], timeoutSeconds: number): Promise<OfferRecord[]> {
    const opened = await this.offers.open(proposals, timeoutSeconds);
    if (!opened.length) return [];
    offerOutcomes.inc({ outcome: 'made' }, opened.length);
    const offerOf = new Map(opened.map((offer) => [offer.orderId, offer]));
    const moved = await this.transitions.applyToMany({
      orderIds: [...offerOf.keys()],
      to: 'offered',
      actor: 'system:dispatch',
      within: ['pending'],
      changes: { needsAttention: false },
      detailOf: (orderId) => ({ offerId: offerOf.get(orderId)!.id, courierId: offerOf.get(orderId)!.courierId }),
    });
    if (moved.length !== opened.length) {
      const movedIds = new Set(moved.map((order) => order.id));
      throw new OrderMovedOnError(opened.find((offer) => !movedIds.has(offer.orderId))!.orderId);
    }
    await this.outbox.addMany(
      'offer.expiry',
      opened.map((offer) => ({ offerId: offer.id, expiresAt: offer.expiresAt.toISOString() })),
    );
    for (const order of moved) {
      const offer = offerOf.get(order.id)!;
      this.announcements.announce({
        kind: 'offer',
        courierId: offer.courierId,
        offer: { offerId: offer.id, orderId: order.id, pickup: order.pickup, dropoff: order.dropoff, price: order.price, expiresAt: offer.expiresAt.toISOString() },
      });
    }
    return opened;
  }

  async accept(offerId: string, courierId: string): Promise<OrderRecord> {
    await this.offers.lockOrderOf(offerId);
    const offer = await this.offers.answer(offerId, courierId, 'accepted', null);
    if (!offer) throw await this.whyNotOpen(offerId, courierId);
    offerOutcomes.inc({ outcome: 'accepted' });
    return this.transitions.apply({
      orderId: offer.orderId,
      to: 'assigned',
      actor: `courier:${courierId}`,
      within: ['offered'],
      changes: { courierId, needsAttention: false },
      detail: { offerId },
      conflict: () => offerGone('The order was taken or withdrawn'),
    });
  }

  async decline(offerId: string, courierId: string, reason: string | null): Promise<void> {
    await this.offers.lockOrderOf(offerId);
    const offer = await this.offers.answer(offerId, courierId, 'declined', reason);
    if (!offer) throw await this.whyNotOpen(offerId, courierId);
    await this.backToWaiting(offer.orderId, courierId, offerId, 'declined', reason ?? 'declined by the courier');
  }

  /** Ends an open offer whose time is up; a no-op when it was answered meanwhile. */
  async expire(offerId: string): Promise<boolean> {
    await this.offers.lockOrderOf(offerId);
    const offer = await this.withdrawal.expire(offerId);
    if (!offer) return false;
    await this.backToWaiting(offer.orderId, offer.courierId, offerId, 'expired', 'the offer timed out');
    return true;
  }

  private async backToWaiting(orderId: string, courierId: string, offerId: string, outcome: 'declined' | 'expired', reason: string) {
    offerOutcomes.inc({ outcome });
    await this.transitions.apply({ orderId, to: 'pending', actor: outcome === 'declined' ? `courier:${courierId}` : 'system:dispatch', within: ['offered'], detail: { offerId, outcome } });
    await this.decisions.record({ orderId, policy: 'offer', outcome, courierId, offerId, reason, candidates: [] });
    await this.trigger.request(outcome === 'declined' ? 'offer_declined' : 'offer_expired', orderId);
  }

  /** 404 when the offer does not exist in this cooperative, else 409 with what happened to it. */
  private async whyNotOpen(offerId: string, courierId: string): Promise<ProblemError> {
    const offer = await this.offers.findById(offerId);
    if (!offer) return ProblemError.notFound('Offer');
    if (offer.courierId !== courierId) return offerGone('This offer was made to another courier');
    if (offer.status === 'open') return offerGone('The offer has expired');
    return offerGone(`The offer was already ${offer.status}`);
  }
}

/** Thrown to roll back a decision whose order changed under it; the next decision sees the new state. */
export class OrderMovedOnError extends Error {
  constructor(orderId: string) {
    super(`order ${orderId} is no longer pending`);
    this.name = 'OrderMovedOnError';
  }
}
