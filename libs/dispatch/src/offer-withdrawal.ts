import { Injectable } from '@nestjs/common';
import { OfferRecord, OffersRepository } from '@lib/database';
import { LiveAnnouncements, OpenOffers } from '@lib/orders';

/**
 * Ends open offers before their courier answered: the order moved on (a dispatcher assigned
 * it, it was cancelled) or time ran out. The one place `offer.withdrawn` is announced from.
 */
@Injectable()
export class OfferWithdrawal implements OpenOffers {
  constructor(
    private readonly offers: OffersRepository,
    private readonly announcements: LiveAnnouncements,
  ) {}

  async withdrawOpen(orderId: string, reason: string): Promise<void> {
    for (const offer of await this.offers.withdrawOpen(orderId, reason)) this.announce(offer);
  }

  /** Ends an open offer whose time is up; null when it was answered meanwhile. */
  async expire(offerId: string): Promise<OfferRecord | null> {
    const offer = await this.offers.expire(offerId);
    if (offer) this.announce(offer);
    return offer;
  }

  private announce(offer: OfferRecord): void {
    this.announcements.announce({ kind: 'offer.withdrawn', courierId: offer.courierId, offerId: offer.id });
  }
}
