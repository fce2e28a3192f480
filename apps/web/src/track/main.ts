import '../shared/styles.css';
import L from 'leaflet';
import type { LatLng, PublicTrackingView } from '@lib/wire';
import { api, ApiError } from '../shared/api-client';
import { loadConfig } from '../shared/config';
import { h } from '../shared/dom';
import { t } from '../shared/i18n';
import { bindLiveBadge, connectLive } from '../shared/live';
import { createMap, markerColors } from '../shared/map';
import { renderShell } from '../shared/page-shell';
import { TrackingView } from './tracking-view';

/** When the order's current status began, per the REST view (GET /api/v1/track/:token; 0 when it does not say). */
const statusSince = (view: PublicTrackingView): number => Date.parse(view.events.at(-1)?.at ?? '') || 0;

async function start(): Promise<void> {
  const shell = renderShell(document.getElementById('root')!, 'track.title');
  const token = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
  const config = await loadConfig();
  let tracking: PublicTrackingView;
  try {
    tracking = await api<PublicTrackingView>('GET', `/track/${encodeURIComponent(token)}`);
  } catch (error) {
    const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
    shell.main.append(h('div', { class: 'column' }, h('p', { class: 'card', role: 'alert' }, notFound ? t('track.notFound') : t('error.generic', { detail: (error as Error).message }))));
    return;
  }

  const view = new TrackingView();
  const mapElement = h('div', { class: 'map', id: 'map' });
  shell.main.append(h('div', { class: 'column track' }, view.element, mapElement));
  view.update(tracking.status, tracking.eta);
  // The newest status shown so far: a REST answer read before a live event must not undo it.
  let shownSince = statusSince(tracking);
  view.setDetails(tracking.merchantName, tracking.deliveryPin);

  const map = createMap(mapElement, config.tileUrl);
  const pickup = tracking.pickup.location;
  const dropoff = tracking.dropoff.location;
  L.circleMarker(pickup, { radius: 7, color: '#fff', weight: 2, fillColor: markerColors.pickup, fillOpacity: 1 }).bindTooltip(t('map.pickup')).addTo(map);
  // Approximate: a soft circle rather than a pin on the door.
  L.circle(dropoff, { radius: 150, color: markerColors.dropoff, weight: 1, fillOpacity: 0.2 }).bindTooltip(t('map.dropoff')).addTo(map);
  map.fitBounds(L.latLngBounds([pickup, dropoff]), { padding: [40, 40], maxZoom: 15 });

  const courier = L.circleMarker([0, 0], { radius: 8, color: '#fff', weight: 2, fillColor: markerColors.busy, fillOpacity: 1 }).bindTooltip(t('map.courier'));
  const showCourier = (position: LatLng | null | undefined) => {
    if (!position || !Number.isFinite(position.lat) || !Number.isFinite(position.lng)) return;
    courier.setLatLng(position).addTo(map);
    mapElement.dataset.courier = `${position.lat},${position.lng}`;
  };
  showCourier(tracking.courierPosition);

  const socket = connectLive(config.trackingUrl, '/track', { token });
  shell.liveBadge.hidden = false;
  bindLiveBadge(socket, shell.liveBadge);
  socket.on('status', (event) => {
    shownSince = Math.max(shownSince, Date.parse(event.at) || 0);
    view.update(event.status, event.eta);
    // The courier's dot means nothing once the parcel is delivered (and must not linger).
    if (!['assigned', 'picked_up'].includes(event.status)) courier.remove();
  });
  socket.on('position', (event) => showCourier(event));
  // Missed events while disconnected: the REST view is the truth on reconnection, unless a live
  // status newer than what it read has arrived meanwhile (the answer can come after the event).
  socket.on('connect', () => {
    api<PublicTrackingView>('GET', `/track/${encodeURIComponent(token)}`)
      .then((latest) => {
        if (statusSince(latest) < shownSince) return;
        shownSince = statusSince(latest);
        view.update(latest.status, latest.eta);
        showCourier(latest.courierPosition);
      })
      .catch(() => undefined);
  });
}

void start();
