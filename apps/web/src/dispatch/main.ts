import type { CooperativeView } from '@lib/wire';
import { api } from '../shared/api-client';
import { h } from '../shared/dom';
import { bindLiveBadge, connectLive } from '../shared/live';
import { createMap, drawServiceArea } from '../shared/map';
import { startSignedInPage } from '../shared/start-page';
import { BoardStore } from './board-store';
import { CourierLayer } from './courier-layer';
import { CourierReportPanel } from './courier-report-view';
import { fleetSummary } from './fleet-summary';
import { feedBoard } from './live-board';
import { OrderLayer } from './order-layer';
import { OrderPanel } from './order-panel';
import { OrderQueue } from './order-queue';
import { viewTabs } from './view-tabs';

void startSignedInPage('dispatch', 'dispatch.title', ['dispatcher', 'coop_admin'], async ({ config, session, shell }) => {
  const mapElement = h('div', { class: 'map', id: 'map' });
  const sidebar = h('aside', { class: 'sidebar' });
  const board = h('div', { class: 'dispatch', id: 'tab-board', role: 'tabpanel' }, mapElement, sidebar);
  const report = new CourierReportPanel(shell.announce, session.accessToken);
  const reportPanel = h('div', { class: 'report-tab', id: 'tab-report', role: 'tabpanel', hidden: true }, report.element);
  shell.main.append(
    viewTabs([
      { label: 'dispatch.tabBoard', panel: board, onShow: () => map.invalidateSize() },
      { label: 'dispatch.tabReport', panel: reportPanel, onShow: () => void report.load() },
    ]),
    board,
    reportPanel,
  );

  const store = new BoardStore();
  const map = createMap(mapElement, config.tileUrl);
  const select = (orderId: string | null) => {
    queue.select(orderId);
    orders.select(orderId);
    void panel.show(orderId);
  };
  // Orders first, so the moving courier dots are drawn above the pickups they wait at.
  const orders = new OrderLayer(map, store, select);
  const couriers = new CourierLayer(map, store);
  const queue = new OrderQueue(store, select);
  const panel = new OrderPanel(store, shell.announce, () => select(null));
  sidebar.append(fleetSummary(store), panel.element, queue.element);

  // Canvas markers are not in the DOM: this read-only hook lets tests (and an operator's
  // console) ask where a courier is drawn.
  Object.assign(window, { bikeDispatch: { courierMarker: (id: string) => couriers.markerPosition(id), courierCount: () => store.couriers.size } });

  if (session.user.cooperativeId) {
    api<CooperativeView>('GET', `/cooperatives/${session.user.cooperativeId}`)
      .then((cooperative) => drawServiceArea(map, cooperative.serviceArea))
      .catch((error: Error) => shell.announce(error.message, 'error'));
  }
  // batch: one `courier.positions` frame per tick instead of an event per courier move.
  const socket = connectLive(config.trackingUrl, '/dispatch', { token: session.accessToken, batch: true });
  shell.liveBadge.hidden = false;
  bindLiveBadge(socket, shell.liveBadge);
  await feedBoard(store, socket).catch((error: Error) => shell.announce(error.message, 'error'));
});
