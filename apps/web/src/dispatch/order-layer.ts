import L from 'leaflet';
import type { OrderView } from '@lib/wire';
import { everyFrame } from '../shared/dom';
import { t } from '../shared/i18n';
import { markerColors } from '../shared/map';
import type { BoardStore } from './board-store';

/**
 * Pickups (orange) and drop-offs (purple) of the open orders, on the shared canvas; the
 * selected order also gets a line from pickup to drop-off. Orders are few next to couriers,
 * so the layer is simply redrawn whenever they change.
 */
export class OrderLayer {
  private readonly renderer = L.canvas({ padding: 0.2 });
  private readonly group = L.layerGroup();
  private selectedId: string | null = null;

  constructor(
    map: L.Map,
    private readonly store: BoardStore,
    private readonly onSelect: (orderId: string) => void,
  ) {
    this.group.addTo(map);
    store.onOrdersChanged(everyFrame(() => this.redraw()));
  }

  select(orderId: string | null): void {
    this.selectedId = orderId;
    this.redraw();
  }

  private redraw(): void {
    this.group.clearLayers();
    for (const order of this.store.orders.values()) this.drawOrder(order);
  }

  private drawOrder(order: OrderView): void {
    const pickup = order.pickup?.location;
    const dropoff = order.dropoff?.location;
    const selected = order.id === this.selectedId;
    const radius = selected ? 8 : 5;
    if (pickup && dropoff && selected) {
      L.polyline([pickup, dropoff], { renderer: this.renderer, color: markerColors.busy, weight: 3, dashArray: '6 6', interactive: false }).addTo(this.group);
    }
    for (const [place, color, label] of [
      [pickup, markerColors.pickup, t('map.pickup')],
      [dropoff, markerColors.dropoff, t('map.dropoff')],
    ] as const) {
      if (!place) continue;
      L.circleMarker(place, { renderer: this.renderer, radius, color: '#ffffff', weight: 1.5, fillColor: color, fillOpacity: 0.95 })
        .bindTooltip(`${label}: ${order.reference ?? order.id.slice(0, 8)}`)
        .on('click', () => this.onSelect(order.id))
        .addTo(this.group);
    }
  }
}
