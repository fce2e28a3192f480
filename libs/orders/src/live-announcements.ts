import { Injectable } from '@nestjs/common';
import { OrderRecord, Transactions } from '@lib/database';
import type { OfferEvent } from '@lib/wire';
import type { OrderView } from './order.presenter';

export interface OrderChange {
  order: OrderRecord;
  view: OrderView;
  /** The status the order was in before, or null for a new order. */
  previousStatus: OrderRecord['status'] | null;
}

/** Everything the live sockets are told about committed changes. */
export type Announcement =
  | { kind: 'order.changed'; change: OrderChange }
  | { kind: 'offer'; courierId: string; offer: OfferEvent }
  | { kind: 'offer.withdrawn'; courierId: string; offerId: string };

export type AnnouncementListener = (announcement: Announcement) => void | Promise<void>;

/**
 * The one path of live announcements: a change announces itself here, in its transaction,
 * and the listeners (the sockets, `LiveUpdates`) hear it once that transaction commits, never
 * if it rolls back. Listeners never affect the change itself; the durable follow-ups
 * (dispatch, webhooks) go through the outbox instead.
 */
@Injectable()
export class LiveAnnouncements {
  private readonly listeners: AnnouncementListener[] = [];

  constructor(private readonly transactions: Transactions) {}

  listen(listener: AnnouncementListener): void {
    this.listeners.push(listener);
  }

  announce(announcement: Announcement): void {
    for (const listener of this.listeners) this.transactions.afterCommit(() => listener(announcement));
  }
}
