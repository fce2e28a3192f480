import { Injectable } from '@nestjs/common';
import type { OrderRecord } from '@lib/database';
import type { OrderView } from './order.presenter';

export interface OrderChange {
  order: OrderRecord;
  view: OrderView;
  /** The status the order was in before, or null for a new order. */
  previousStatus: OrderRecord['status'] | null;
}

export type OrderChangeListener = (change: OrderChange) => void | Promise<void>;

/**
 * Who wants to hear about committed order changes (live sockets, metrics). Listeners run
 * after commit and never affect the change itself; the durable follow-ups (dispatch,
 * webhooks) go through the outbox instead.
 */
@Injectable()
export class OrderChangeListeners {
  private readonly listeners: OrderChangeListener[] = [];

  add(listener: OrderChangeListener): void {
    this.listeners.push(listener);
  }

  all(): readonly OrderChangeListener[] {
    return this.listeners;
  }
}
