import L from 'leaflet';
import type { OrderView } from '@lib/wire';
import { h } from '../shared/dom';
import { createMap, markerColors } from '../shared/map';

/**
 * Where the current jobs go: a pickup dot per restaurant still to visit, a drop-off dot per
 * order, and the courier's own position. Hidden while there is no job, so an idle courier's
 * screen stays short.
 */
export class JobMap {
  readonly element = h('div', { class: 'map job-map', 'data-testid': 'job-map', hidden: true });
  private map?: L.Map;
  private readonly stops = L.layerGroup();
  private readonly me = L.circleMarker([0, 0], { radius: 7, color: '#fff', weight: 2, fillColor: markerColors.available, fillOpacity: 1 });
  private jobs: OrderView[] = [];
  private position: L.LatLngTuple | null = null;

  constructor(private readonly tileUrl: string) {}

  showJobs(jobs: OrderView[]): void {
    this.jobs = jobs;
    this.redraw();
  }

  showPosition(lat: number, lng: number): void {
    this.position = [lat, lng];
    this.redraw(false);
  }

  private redraw(fit = true): void {
    this.element.hidden = this.jobs.length === 0;
    if (this.element.hidden) return;
    // Leaflet measures its container: create the map once it is visible.
    this.map ??= createMap(this.element, this.tileUrl);
    this.stops.clearLayers().addTo(this.map);
    const points: L.LatLngTuple[] = [];
    for (const order of this.jobs) {
      if (order.status !== 'picked_up' && order.pickup.location) points.push(this.dot(order.pickup.location, markerColors.pickup));
      if (order.dropoff.location) points.push(this.dot(order.dropoff.location, markerColors.dropoff));
    }
    if (this.position) {
      this.me.setLatLng(this.position).addTo(this.map);
      points.push(this.position);
    }
    if (fit && points.length) this.map.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 16 });
  }

  private dot(location: { lat: number; lng: number }, color: string): L.LatLngTuple {
    const point: L.LatLngTuple = [location.lat, location.lng];
    L.circleMarker(point, { radius: 6, color: '#fff', weight: 2, fillColor: color, fillOpacity: 1 }).addTo(this.stops);
    return point;
  }
}
