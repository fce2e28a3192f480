import type { OfferEvent, OrderView } from '@lib/wire';
import { api, ApiError } from '../shared/api-client';
import { h } from '../shared/dom';
import { formatMoney } from '../shared/format';
import { t } from '../shared/i18n';

/**
 * An offer with a live countdown to `expiresAt` and accept/decline buttons. Removes itself
 * when answered, expired or closed (withdrawn); `onAccepted` receives the order now assigned to this courier.
 */
export function offerCard(offer: OfferEvent, handlers: { onAccepted: (order: OrderView) => void; onGone: () => void; announce: (message: string, tone?: 'info' | 'error') => void }): { element: HTMLElement; close: () => void } {
  const countdown = h('span', { class: 'countdown', role: 'timer', 'aria-live': 'off' });
  const accept = h('button', { type: 'button', class: 'primary big', i18n: 'courier.accept' });
  const decline = h('button', { type: 'button', class: 'big', i18n: 'courier.decline' });
  const card = h(
    'article',
    { class: 'card stack offer', 'aria-labelledby': `offer-${offer.offerId}`, 'data-offer-id': offer.offerId },
    h('div', { class: 'order-line' }, h('h2', { id: `offer-${offer.offerId}`, i18n: 'courier.offer' }), countdown),
    h('span', {}, `${t('map.pickup')}: ${offer.pickup?.address ?? '–'}`),
    h('span', {}, `${t('map.dropoff')}: ${offer.dropoff?.address ?? '–'}`),
    h('strong', {}, formatMoney(offer.price)),
    h('div', { class: 'row' }, accept, decline),
  );

  const deadline = Date.parse(offer.expiresAt);
  const tick = () => {
    const seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    countdown.textContent = t('courier.expiresIn', { seconds });
    if (seconds === 0) close();
  };
  const timer = window.setInterval(tick, 250);
  const close = () => {
    window.clearInterval(timer);
    card.remove();
    handlers.onGone();
  };
  const answer = async (verb: 'accept' | 'decline') => {
    accept.disabled = decline.disabled = true;
    try {
      const order = await api<OrderView>('POST', `/offers/${offer.offerId}/${verb}`, verb === 'decline' ? {} : undefined);
      if (verb === 'accept') handlers.onAccepted(order);
      close();
    } catch (error) {
      const failure = error as ApiError;
      // Expired, withdrawn or taken by someone else: nothing left to answer.
      if (failure.status === 409 || failure.status === 404) {
        handlers.announce(t('courier.offerGone'), 'error');
        close();
      } else {
        handlers.announce(t('error.generic', { detail: failure.message }), 'error');
        accept.disabled = decline.disabled = false;
      }
    }
  };
  accept.addEventListener('click', () => void answer('accept'));
  decline.addEventListener('click', () => void answer('decline'));
  tick();
  return { element: card, close };
}
