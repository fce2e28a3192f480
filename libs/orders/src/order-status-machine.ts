import type { OrderStatus } from '@lib/wire';

/**
 * The contract's status machine, in one place. `offered` falls back to `pending` on a
 * decline or expiry; a dispatcher may assign a waiting order directly or put a held one
 * back; everything not listed is a 409.
 */
const next: Record<OrderStatus, OrderStatus[]> = {
  pending: ['offered', 'assigned', 'cancelled'],
  offered: ['pending', 'assigned', 'cancelled'],
  assigned: ['picked_up', 'pending', 'failed', 'cancelled'],
  picked_up: ['delivered', 'failed', 'cancelled'],
  delivered: [],
  failed: [],
  cancelled: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return next[from].includes(to);
}

/** The statuses an order may be in for a move to `to` (optionally narrowed to `within`). */
export function sourcesOf(to: OrderStatus, within?: OrderStatus[]): OrderStatus[] {
  const sources = (Object.keys(next) as OrderStatus[]).filter((from) => next[from].includes(to));
  return within ? sources.filter((status) => within.includes(status)) : sources;
}

export const activeStatuses: OrderStatus[] = ['pending', 'offered', 'assigned', 'picked_up'];
export const closedStatuses: OrderStatus[] = ['delivered', 'failed', 'cancelled'];

/** Webhook event announced when an order enters a status (none for the dispatch back-and-forth). */
export function webhookEventFor(status: OrderStatus): string | null {
  return ['assigned', 'picked_up', 'delivered', 'failed', 'cancelled'].includes(status) ? `order.${status}` : null;
}

export const webhookEventTypes = ['order.created', 'order.assigned', 'order.picked_up', 'order.delivered', 'order.failed', 'order.cancelled'] as const;
