import type { OrderView } from '@lib/wire';
import { api, ApiError } from '../shared/api-client';
import { h } from '../shared/dom';
import { courierLabel, formatKm, formatMoney, formatTime, statusLabel } from '../shared/format';
import { distanceMeters } from '../shared/geometry';
import { t } from '../shared/i18n';
import type { BoardStore } from './board-store';
import { DispatchLog, renderDispatchLog } from './dispatch-log-view';

/** Nearest couriers offered in the picker; beyond that a dispatcher would not choose anyway. */
const PICKER_SIZE = 60;

/** The selected order: details, courier picker with assign/unassign, and its dispatch log. */
export class OrderPanel {
  readonly element = h('section', { class: 'card stack', 'aria-labelledby': 'order-title', hidden: true });
  private orderId: string | null = null;

  constructor(
    private readonly store: BoardStore,
    private readonly announce: (message: string, tone?: 'info' | 'error') => void,
    private readonly onClose: () => void,
  ) {
    // An update to the open order (assigned elsewhere, delivered…) refreshes the panel.
    store.onOrdersChanged(() => {
      if (this.orderId && this.element.dataset.renderedAt !== this.store.orders.get(this.orderId)?.updatedAt) void this.show(this.orderId);
    });
  }

  async show(orderId: string | null): Promise<void> {
    this.orderId = orderId;
    const order = orderId ? this.store.orders.get(orderId) : undefined;
    if (!order) {
      this.element.hidden = true;
      return;
    }
    this.element.hidden = false;
    this.element.dataset.renderedAt = order.updatedAt;
    const log = h('div', { 'aria-live': 'polite' }, '…');
    this.element.replaceChildren(
      h('div', { class: 'order-line' }, h('h2', { id: 'order-title' }, `${t('dispatch.order')} ${order.reference ?? order.id.slice(0, 8)}`), h('button', { type: 'button', class: 'link-button', onclick: this.onClose, i18n: 'dispatch.close' })),
      h('span', {}, h('span', { class: `badge badge--${order.status}` }, statusLabel(order.status)), ' ', formatMoney(order.price), ' · ', `${formatKm(order.distanceMeters)} km`),
      h('span', { class: 'muted' }, `${t('map.pickup')}: ${order.pickup?.address ?? '–'} · ${formatTime(order.readyAt)}`),
      h('span', { class: 'muted' }, `${t('map.dropoff')}: ${order.dropoff?.address ?? '–'}`),
      this.assignment(order),
      h('h3', { i18n: 'dispatch.log' }),
      log,
    );
    try {
      const entries = await api<DispatchLog>('GET', `/orders/${order.id}/dispatch-log`);
      if (this.orderId === order.id) log.replaceChildren(renderDispatchLog(entries, (id) => this.store.couriers.get(id)?.name ?? id.slice(0, 8)));
    } catch (error) {
      log.textContent = t('error.generic', { detail: (error as Error).message });
    }
  }

  private assignment(order: OrderView): HTMLElement {
    if (order.courierId && order.status !== 'offered') {
      const name = this.store.couriers.get(order.courierId)?.name ?? order.courierId.slice(0, 8);
      const unassign = h('button', { type: 'button', class: 'danger', i18n: 'dispatch.unassign', onclick: () => this.act(unassign, `/orders/${order.id}/unassign`, undefined, t('dispatch.unassigned')) });
      return h('div', { class: 'row' }, h('span', {}, `${t('map.courier')}: ${name}`), unassign);
    }
    const picker = h('select', { id: 'assign-courier', name: 'courierId' }, h('option', { value: '' , i18n: 'dispatch.chooseCourier' }), ...this.nearestCouriers(order));
    const assign = h('button', {
      type: 'button',
      class: 'primary',
      i18n: 'dispatch.assign',
      onclick: () => {
        if (!picker.value) return picker.focus();
        const name = this.store.couriers.get(picker.value)?.name ?? '';
        void this.act(assign, `/orders/${order.id}/assign`, { courierId: picker.value }, t('dispatch.assigned', { name }));
      },
    });
    return h('div', { class: 'stack' }, h('label', { for: 'assign-courier', i18n: 'dispatch.pickCourier' }), h('div', { class: 'row' }, picker, assign));
  }

  private nearestCouriers(order: OrderView): HTMLOptionElement[] {
    const pickup = order.pickup?.location;
    const onShift = [...this.store.couriers.values()].filter((courier) => courier.onShift);
    const withDistance = onShift.map((courier) => ({
      courier,
      meters: pickup && courier.position ? distanceMeters(pickup, courier.position) : Number.POSITIVE_INFINITY,
    }));
    withDistance.sort((a, b) => a.meters - b.meters);
    return withDistance.slice(0, PICKER_SIZE).map(({ courier, meters }) => {
      const where = Number.isFinite(meters) ? t('dispatch.distanceKm', { km: formatKm(meters) }) : t('courierStatus.stale');
      return h('option', { value: courier.id }, `${courierLabel(courier)} · ${where} · ${courier.activeOrderIds.length ? t('courierStatus.busy') : t('courierStatus.available')}`);
    });
  }

  private async act(button: HTMLButtonElement, path: string, body: unknown, done: string): Promise<void> {
    button.disabled = true;
    try {
      const order = await api<OrderView>('POST', path, body);
      this.store.applyOrder(order);
      this.announce(done);
    } catch (error) {
      this.announce(t('error.generic', { detail: (error as ApiError).message }), 'error');
    } finally {
      button.disabled = false;
    }
  }
}
