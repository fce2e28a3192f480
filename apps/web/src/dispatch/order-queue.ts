import type { OrderView } from '@lib/wire';
import { everyFrame, h } from '../shared/dom';
import { formatTime, statusLabel } from '../shared/format';
import { onLanguageChange, t } from '../shared/i18n';
import type { BoardStore } from './board-store';

const WAITING = new Set(['pending', 'offered']);

/**
 * The sidebar lists: orders waiting for a courier (needs-attention first, then oldest first)
 * and orders on the road. Clicking one selects it.
 */
export class OrderQueue {
  readonly element = h('section', { class: 'stack', 'aria-labelledby': 'queue-title' });
  private selectedId: string | null = null;

  constructor(
    private readonly store: BoardStore,
    private readonly onSelect: (orderId: string) => void,
  ) {
    const render = everyFrame(() => this.render());
    store.onOrdersChanged(render);
    onLanguageChange(render);
    this.render();
  }

  select(orderId: string | null): void {
    this.selectedId = orderId;
    this.render();
  }

  private render(): void {
    const orders = [...this.store.orders.values()];
    const waiting = orders.filter((order) => WAITING.has(order.status)).sort(byUrgency);
    const onTheRoad = orders.filter((order) => !WAITING.has(order.status)).sort(byAge);
    this.element.replaceChildren(
      h('h2', { id: 'queue-title' }, `${t('dispatch.queue')} (${waiting.length})`),
      waiting.length ? this.list(waiting, 'queue') : h('p', { class: 'hint', i18n: 'dispatch.queueEmpty' }),
      h('h2', {}, `${t('dispatch.active')} (${onTheRoad.length})`),
      this.list(onTheRoad, 'active'),
    );
  }

  private list(orders: OrderView[], name: string): HTMLElement {
    return h('ul', { class: 'order-list', 'data-list': name }, ...orders.map((order) => h('li', {}, this.item(order))));
  }

  private item(order: OrderView): HTMLElement {
    return h(
      'button',
      { type: 'button', 'data-order-id': order.id, 'aria-pressed': String(order.id === this.selectedId), onclick: () => this.onSelect(order.id) },
      h(
        'span',
        { class: 'order-line' },
        h('strong', {}, order.reference ?? order.id.slice(0, 8)),
        order.needsAttention ? h('span', { class: 'badge badge--attention', i18n: 'dispatch.needsAttention' }) : null,
        h('span', { class: `badge badge--${order.status}` }, statusLabel(order.status)),
      ),
      h('span', { class: 'muted' }, `${order.dropoff?.address ?? ''} · ${formatTime(order.readyAt ?? order.createdAt)}`),
    );
  }
}

function byUrgency(a: OrderView, b: OrderView): number {
  if (Boolean(a.needsAttention) !== Boolean(b.needsAttention)) return a.needsAttention ? -1 : 1;
  return byAge(a, b);
}

function byAge(a: OrderView, b: OrderView): number {
  return a.createdAt.localeCompare(b.createdAt);
}
