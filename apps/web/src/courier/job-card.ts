import type { OrderView } from '@lib/wire';
import { h } from '../shared/dom';
import { formatMoney, statusLabel } from '../shared/format';
import { t } from '../shared/i18n';

/** What the courier does next with a job; the page decides how to send it (now or queued). */
export type JobAction = { kind: 'pickup' } | { kind: 'deliver'; pin: string } | { kind: 'fail'; reason: string };

/**
 * One assigned order as three steps (accepted → picked up → delivered) with the buttons for
 * the current one: "picked up" at the restaurant, then "delivered" with the customer's PIN,
 * or "could not deliver" with a reason.
 */
export function jobCard(order: OrderView, act: (action: JobAction) => void): HTMLElement {
  const pickedUp = order.status === 'picked_up';
  const steps = h(
    'ol',
    { class: 'steps', 'aria-label': statusLabel(order.status) },
    h('li', { class: 'done' }, statusLabel('assigned')),
    h('li', { class: pickedUp ? 'done' : 'current' }, t('courier.stepPickup')),
    h('li', { class: pickedUp ? 'current' : '' }, t('courier.stepDeliver')),
  );
  const id = order.id;
  return h(
    'article',
    { class: 'card stack', 'aria-labelledby': `job-${id}`, 'data-order-id': id, 'data-status': order.status },
    h('div', { class: 'order-line' }, h('h2', { id: `job-${id}`, i18n: 'courier.job' }), h('span', { class: `badge badge--${order.status}` }, statusLabel(order.status))),
    steps,
    h('span', {}, `${t('map.pickup')}: ${order.pickup?.address ?? '–'}${order.pickup?.notes ? ` (${order.pickup.notes})` : ''}`),
    h('span', {}, `${t('map.dropoff')}: ${order.dropoff?.address ?? '–'}${order.dropoff?.notes ? ` (${order.dropoff.notes})` : ''}`),
    order.dropoff?.phone ? h('a', { href: `tel:${order.dropoff.phone}` }, order.dropoff.phone) : null,
    h('strong', {}, formatMoney(order.price)),
    pickedUp ? deliverControls(id, act) : h('button', { type: 'button', class: 'primary big', i18n: 'courier.pickedUp', onclick: () => act({ kind: 'pickup' }) }),
  );
}

function deliverControls(id: string, act: (action: JobAction) => void): HTMLElement {
  const pin = h('input', { id: `pin-${id}`, name: 'pin', inputmode: 'numeric', autocomplete: 'off' });
  const reason = h('input', { id: `reason-${id}`, name: 'reason' });
  return h(
    'div',
    { class: 'stack' },
    h('label', { for: `pin-${id}`, i18n: 'courier.pin' }),
    pin,
    h('button', { type: 'button', class: 'primary big', i18n: 'courier.delivered', onclick: () => act({ kind: 'deliver', pin: pin.value.trim() }) }),
    h('label', { for: `reason-${id}`, i18n: 'courier.failReason' }),
    reason,
    h('button', {
      type: 'button',
      class: 'danger big',
      i18n: 'courier.fail',
      onclick: () => (reason.value.trim() ? act({ kind: 'fail', reason: reason.value.trim() }) : reason.focus()),
    }),
  );
}
