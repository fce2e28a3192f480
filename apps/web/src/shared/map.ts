import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Geometry } from 'geojson';
import { t } from './i18n';

const FRANCE: L.LatLngTuple = [46.6, 2.4];

/**
 * A Leaflet map drawn on canvas (thousands of markers stay cheap). Tiles are decoration: if the
 * tile server is unreachable the container's plain background shows through (see styles.css)
 * and every vector layer still draws.
 */
export function createMap(container: HTMLElement, tileUrl: string): L.Map {
  container.setAttribute('role', 'region');
  container.setAttribute('aria-label', t('map.label'));
  const map = L.map(container, { preferCanvas: true, zoomSnap: 0.5 }).setView(FRANCE, 6);
  L.tileLayer(tileUrl, {
    maxZoom: 19,
    attribution: /openstreetmap/i.test(tileUrl) ? '&copy; OpenStreetMap contributors' : '',
  }).addTo(map);
  return map;
}

/**
 * Draws a co-op's service area and zooms to it. SVG rather than canvas: one polygon costs
 * nothing, and it stays inspectable (`path.service-area`) for people and tests.
 */
export function drawServiceArea(map: L.Map, area: Geometry | null | undefined): L.GeoJSON | null {
  if (!area) return null;
  const layer = L.geoJSON(area, {
    renderer: L.svg(),
    interactive: false,
    style: () => ({ className: 'service-area', color: '#1b7f5b', weight: 2, fillColor: '#1b7f5b', fillOpacity: 0.06 }),
  } as L.GeoJSONOptions).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [16, 16] });
  return layer;
}

export const markerColors = {
  available: '#1b7f5b',
  busy: '#1f5fbf',
  stale: '#9aa0a6',
  pickup: '#c26a00',
  dropoff: '#8e24aa',
} as const;
