import '../shared/styles.css';
import L from 'leaflet';
import { api, ApiError } from '../shared/api-client';
import { loadConfig } from '../shared/config';
import { h } from '../shared/dom';
import { t } from '../shared/i18n';
import { bindLiveBadge, connectLive } from '../shared/live';
import { createMap, markerColors } from '../shared/map';
import { renderShell } from '../shared/page-shell';
import type { LatLng, OrderStatus } from '../shared/types';
import { TrackingView } from './tracking-view';

/**
 * GET /api/v1/track/:token. Pickup and drop-off may come as bare coordinates or as places
 * with a `location`; the drop-off is approximate on purpose (the customer's door is not
 * published to whoever holds the link).
 */
interface PublicTracking {
  status: OrderStatus;
  eta?: string | null;
  pickup?: LatLng | { location?: LatLng };
  dropoff?: LatLng | { location?: LatLng };
  courierPosition?: (LatLng & { at?: string }) | null;
  merchantName?: string | null;
  /** The code the customer gives the courier at the door; null once the order is closed. */
  deliveryPin?: string | null;
  /** Every status change, oldest first. */
  events?: { status: OrderStatus; at: string }[];
}

/** When the order's current status began, per the REST view (0 when it does not say). */
const statusSince = (view: PublicTracking): number => Date.parse(view.events?.at(-1)?.at ?? '') || 0;

const pointOf = (place: PublicTracking['pickup']): LatLng | null => {
  if (!place) return null;
  if ('lat' in place) return place;
  return place.location ?? null;
};

async function start(): Promise<void> {
  const shell = renderShell(document.getElementById('root')!, 'track.title');
  const token = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
  const config = await loadConfig();
  let tracking: PublicTracking;
  try {
    tracking = await api<PublicTracking>('GET', `/track/${encodeURIComponent(token)}`);
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
  const pickup = pointOf(tracking.pickup);
  const dropoff = pointOf(tracking.dropoff);
  if (pickup) L.circleMarker(pickup, { radius: 7, color: '#fff', weight: 2, fillColor: markerColors.pickup, fillOpacity: 1 }).bindTooltip(t('map.pickup')).addTo(map);
  // Approximate: a soft circle rather than a pin on the door.
  if (dropoff) L.circle(dropoff, { radius: 150, color: markerColors.dropoff, weight: 1, fillOpacity: 0.2 }).bindTooltip(t('map.dropoff')).addTo(map);
  const places = [pickup, dropoff].filter((point): point is LatLng => Boolean(point));
  if (places.length) map.fitBounds(L.latLngBounds(places), { padding: [40, 40], maxZoom: 15 });

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
  socket.on('status', (event: { status: OrderStatus; at?: string; eta?: string | null }) => {
    shownSince = Math.max(shownSince, Date.parse(event.at ?? '') || 0);
    view.update(event.status, event.eta);
    // The courier's dot means nothing once the parcel is delivered (and must not linger).
    if (!['assigned', 'picked_up'].includes(event.status)) courier.remove();
  });
  socket.on('position', (event: LatLng & { at?: string }) => showCourier(event));
  // Missed events while disconnected: the REST view is the truth on reconnection, unless a live
  // status newer than what it read has arrived meanwhile (the answer can come after the event).
  socket.on('connect', () => {
    api<PublicTracking>('GET', `/track/${encodeURIComponent(token)}`)
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
