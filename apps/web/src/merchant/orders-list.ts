import type { OrderView, Page } from '@lib/wire';
import { api } from '../shared/api-client';
import { h } from '../shared/dom';
import { formatMoney, formatTime, statusLabel } from '../shared/format';
import { onLanguageChange, t } from '../shared/i18n';

/** Merchants have no socket namespace in the contract, so their list polls. */
const POLL_MS = 5_000;

/** The merchant's recent orders with live status and each one's tracking link. */
export class OrdersList {
  readonly element = h('section', { class: 'card stack', 'aria-labelledby': 'orders-title' });
  private readonly list = h('ul', { class: 'order-list', 'aria-live': 'polite' });
  private orders: OrderView[] = [];

  constructor() {
    this.element.append(h('h2', { id: 'orders-title', i18n: 'merchant.orders' }), this.list);
    onLanguageChange(() => this.render());
    window.setInterval(() => void this.refresh().catch(() => undefined), POLL_MS);
  }

  async refresh(): Promise<void> {
    this.orders = (await api<Page<OrderView>>('GET', '/orders?limit=50')).items;
    this.render();
  }

  private render(): void {
    if (!this.orders.length) return this.list.replaceChildren(h('li', { class: 'hint', i18n: 'merchant.ordersEmpty' }));
    this.list.replaceChildren(...this.orders.map((order) => this.item(order)));
  }

  private item(order: OrderView): HTMLElement {
    const trackingUrl = order.trackingUrl ?? (order.trackingToken ? `/track/${order.trackingToken}` : null);
    return h(
      'li',
      { class: 'card stack', 'data-order-id': order.id, 'data-status': order.status },
      h(
        'span',
        { class: 'order-line' },
        h('strong', {}, order.reference ?? order.id.slice(0, 8)),
        h('span', { class: `badge badge--${order.status}` }, statusLabel(order.status)),
      ),
      h('span', { class: 'muted' }, `${order.dropoff?.address ?? ''} · ${formatMoney(order.price)} · ${formatTime(order.createdAt)}`),
      trackingUrl ? h('a', { href: trackingUrl, target: '_blank', rel: 'noopener' }, t('merchant.track')) : null,
    );
  }
}
