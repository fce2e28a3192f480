import type { CourierView } from '@lib/wire';
import { api } from '../shared/api-client';
import { h } from '../shared/dom';
import { onLanguageChange, t } from '../shared/i18n';
import { bindLiveBadge, connectLive } from '../shared/live';
import { startSignedInPage } from '../shared/start-page';
import { JobMap } from './job-map';
import { JobsView } from './jobs-view';
import { LocationSender } from './location-sender';
import { offerCard } from './offer-card';
import { OfflineQueue } from './offline-queue';
import { problemMessage, sendShiftChange, ShiftState } from './shift-request';
import { shiftToggle } from './shift-toggle';

/** How often to retry the offline queue while items wait, besides the `online` event. */
const RETRY_MS = 15_000;

void startSignedInPage('courier', 'courier.title', ['courier'], async ({ config, session, shell }) => {
  const me = await api<CourierView>('GET', '/couriers/me');
  const queue = new OfflineQueue(me.id);
  const socket = connectLive(config.trackingUrl, '/courier', { token: session.accessToken });
  shell.liveBadge.hidden = false;
  bindLiveBadge(socket, shell.liveBadge);

  const jobMap = new JobMap(config.tileUrl);
  const sender = new LocationSender(
    socket,
    queue,
    (detail) => shell.announce(t('courier.gpsOff', { detail }), 'error'),
    (lat, lng) => jobMap.showPosition(lat, lng),
  );
  const jobs = new JobsView(me.id, queue, shell.announce, (current) => jobMap.showJobs(current));
  const offers = h('section', { class: 'stack', 'aria-live': 'assertive' });
  const openOffers = new Map<string, () => void>();
  const pending = h('p', { class: 'hint', 'data-testid': 'offline-queue' });

  let shiftChanges = 0;
  const applyShift = ({ onShift, shiftEndsAt }: ShiftState) => {
    shiftChanges += 1;
    shift.set({ onShift, shiftEndsAt });
    if (onShift) sender.start();
    else sender.stop();
  };
  const shift = shiftToggle(async (change) => {
    shiftChanges += 1;
    const outcome = await sendShiftChange(change, queue);
    if ('refused' in outcome) shift.refused(outcome.refused);
    else applyShift(outcome.state);
  });
  shell.main.append(h('div', { class: 'column' }, shift.element, offers, jobs.element, jobMap.element, pending));
  applyShift(me);
  // After a replay the server's word wins: a queued shift change may have been refused
  // (its planned end gone by meanwhile). Unless the courier changed the shift during the request.
  const reloadShift = async () => {
    const before = shiftChanges;
    const current = await api<ShiftState>('GET', '/couriers/me');
    if (shiftChanges === before) applyShift(current);
  };

  const renderPending = () => {
    pending.textContent = queue.size ? t('courier.queued', { count: queue.size }) : '';
  };
  queue.onChange(renderPending);
  onLanguageChange(renderPending);
  renderPending();
  const flush = () =>
    void queue
      .flush((action, error) =>
        shell.announce(t('error.generic', { detail: `${action ? action.path : 'locations'}: ${problemMessage(error)}` }), 'error'),
      )
      .then(() => (queue.size ? undefined : reloadShift()))
      .catch(() => undefined);

  socket.on('offer', (offer) => {
    if (openOffers.has(offer.offerId)) return;
    const card = offerCard(offer, {
      onAccepted: (order) => jobs.update(order),
      onGone: () => openOffers.delete(offer.offerId),
      announce: shell.announce,
    });
    openOffers.set(offer.offerId, card.close);
    offers.append(card.element);
  });
  socket.on('offer.withdrawn', ({ offerId }) => openOffers.get(offerId)?.());
  socket.on('order.updated', (order) => jobs.update(order));
  // Back online: send what waited, then catch up on jobs changed meanwhile.
  socket.on('connect', () => {
    flush();
    jobs.reload().catch(() => undefined);
  });
  window.addEventListener('online', flush);
  window.setInterval(() => queue.size && flush(), RETRY_MS);
  await jobs.reload().catch((error: Error) => shell.announce(error.message, 'error'));
});
