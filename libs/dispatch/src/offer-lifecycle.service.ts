import { HttpStatus, Injectable } from '@nestjs/common';
import { DispatchDecisionsRepository, OffersRepository, OrderRecord, OutboxRepository } from '@lib/database';
import { ProblemError } from '@lib/http';
import { LiveAnnouncements, OrderTransitions } from '@lib/orders';
import { DispatchTrigger } from './dispatch-trigger';
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

  /** Offers a pending order to a courier; returns null when the order is no longer pending. */
  async make(order: OrderRecord, courierId: string, timeoutSeconds: number) {
    const offer = await this.offers.open(order.id, courierId, timeoutSeconds);
    if (!offer) return null;
    const offered = await this.transitions
      .apply({ orderId: order.id, to: 'offered', actor: 'system:dispatch', within: ['pending'], changes: { needsAttention: false }, detail: { offerId: offer.id, courierId } })
      .catch((error: unknown) => {
        if (error instanceof ProblemError) return null;
        throw error;
      });
    if (!offered) {
      // The order moved on since the snapshot: the offer must not survive, so roll it back.
      throw new OrderMovedOnError(order.id);
    }
    await this.outbox.add('offer.expiry', { offerId: offer.id, expiresAt: offer.expiresAt.toISOString() });
    this.announcements.announce({
      kind: 'offer',
      courierId,
      offer: { offerId: offer.id, orderId: order.id, pickup: offered.pickup, dropoff: offered.dropoff, price: offered.price, expiresAt: offer.expiresAt.toISOString() },
    });
    return offer;
  }

  async accept(offerId: string, courierId: string): Promise<OrderRecord> {
    await this.offers.lockOrderOf(offerId);
    const offer = await this.offers.answer(offerId, courierId, 'accepted', null);
    if (!offer) throw await this.whyNotOpen(offerId, courierId);
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
