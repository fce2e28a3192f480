import L from 'leaflet';
import { everyFrame } from '../shared/dom';
import { courierLabel } from '../shared/format';
import { markerColors } from '../shared/map';
import type { BoardStore, CourierState } from './board-store';

/**
 * Couriers as canvas circle markers: a thousand of them redraw in one canvas pass. Position
 * events only mark couriers dirty; markers move once per animation frame, and a timer greys
 * couriers whose last position is too old.
 */
export class CourierLayer {
  private readonly renderer = L.canvas({ padding: 0.2 });
  private readonly group = L.layerGroup();
  private readonly markers = new Map<string, L.CircleMarker>();

  constructor(
    map: L.Map,
    private readonly store: BoardStore,
  ) {
    this.group.addTo(map);
    store.onCouriersChanged(everyFrame(() => this.flush()));
    window.setInterval(() => this.restyleAll(), 5_000);
  }

  /** Where a courier's marker is now; for tests and for the order panel's distances. */
  markerPosition(courierId: string): L.LatLng | null {
    return this.markers.get(courierId)?.getLatLng() ?? null;
  }

  private flush(): void {
    for (const id of this.store.dirtyCouriers) {
      const courier = this.store.couriers.get(id);
      if (courier) this.draw(courier);
      else this.remove(id);
    }
    this.store.dirtyCouriers.clear();
  }

  private draw(courier: CourierState): void {
    let marker = this.markers.get(courier.id);
    if (!courier.onShift || !courier.position) return this.remove(courier.id);
    const latLng: L.LatLngTuple = [courier.position.lat, courier.position.lng];
    if (!marker) {
      marker = L.circleMarker(latLng, { renderer: this.renderer, radius: 6, weight: 2, fillOpacity: 0.9 });
      marker.bindTooltip(courierLabel(courier));
      this.group.addLayer(marker);
      this.markers.set(courier.id, marker);
    } else {
      marker.setLatLng(latLng);
      // A shift event may have brought a name or a planned end.
      marker.setTooltipContent(courierLabel(courier));
    }
    marker.setStyle(this.styleFor(courier));
  }

  private remove(courierId: string): void {
    const marker = this.markers.get(courierId);
    if (marker) this.group.removeLayer(marker);
    this.markers.delete(courierId);
  }

  private restyleAll(): void {
    for (const [id, marker] of this.markers) {
      const courier = this.store.couriers.get(id);
      if (courier) marker.setStyle(this.styleFor(courier));
    }
  }

  private styleFor(courier: CourierState): L.PathOptions {
    if (this.store.isStale(courier)) return { color: markerColors.stale, fillColor: '#d5d8db' };
    const busy = courier.status !== 'available' || courier.activeOrderIds.length > 0;
    const color = busy ? markerColors.busy : markerColors.available;
    return { color: '#ffffff', fillColor: color };
  }
}
