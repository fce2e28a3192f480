import type { BoardCourierView, CourierPositionEvent, CourierStatusEvent, DispatchBoardView, OrderView } from '@lib/wire';
import { FINISHED_STATUSES } from '../shared/statuses';

/** Without a position for this long a courier is drawn grey: its dot may be wrong (the board's own threshold). */
export const STALE_AFTER_MS = 120_000;

/**
 * A courier as the page keeps it: the board's courier (less its capacity, which the page
 * does not show), kept current by `/dispatch` events. Staleness comes from `positionAt`
 * (events carry no `stale` flag).
 */
export interface CourierState extends Omit<BoardCourierView, 'position' | 'capacity'> {
  position: Omit<NonNullable<BoardCourierView['position']>, 'stale'> | null;
  /** When the position was taken (ms since epoch), or 0 when unknown. */
  positionAt: number;
}

/**
 * The dispatcher's view of its co-op: couriers and open orders. Events only mutate it and
 * mark what changed; the map and the lists redraw at most once per frame from here.
 */
export class BoardStore {
  readonly couriers = new Map<string, CourierState>();
  readonly orders = new Map<string, OrderView>();
  /** Couriers whose marker must be redrawn on the next frame. */
  readonly dirtyCouriers = new Set<string>();
  private readonly listeners = { couriers: new Set<() => void>(), orders: new Set<() => void>() };

  onCouriersChanged(listener: () => void): void {
    this.listeners.couriers.add(listener);
  }

  onOrdersChanged(listener: () => void): void {
    this.listeners.orders.add(listener);
  }

  load(board: DispatchBoardView): void {
    // Couriers gone from the board must lose their marker too.
    this.couriers.forEach((_, id) => this.dirtyCouriers.add(id));
    this.couriers.clear();
    this.orders.clear();
    for (const courier of board.couriers) this.putCourier(courier);
    for (const order of board.orders) this.applyOrder(order, false);
    this.couriers.forEach((_, id) => this.dirtyCouriers.add(id));
    this.emit('couriers');
    this.emit('orders');
  }

  applyPosition(event: CourierPositionEvent): void {
    if (!Number.isFinite(event.lat) || !Number.isFinite(event.lng)) return;
    const courier = this.couriers.get(event.courierId) ?? this.unknownCourier(event.courierId);
    const at = event.at ? Date.parse(event.at) : Date.now();
    if (at < courier.positionAt) return; // an older point arriving late must not move the dot back
    courier.position = { lat: event.lat, lng: event.lng, at: event.at };
    courier.positionAt = at;
    this.dirtyCouriers.add(courier.id);
    this.emit('couriers');
  }

  applyStatus(event: CourierStatusEvent): void {
    const courier = this.couriers.get(event.courierId) ?? this.unknownCourier(event.courierId);
    courier.onShift = event.onShift;
    courier.status = event.status;
    if (event.name) courier.name = event.name;
    if (event.shiftEndsAt !== undefined) courier.shiftEndsAt = event.shiftEndsAt;
    this.dirtyCouriers.add(courier.id);
    this.emit('couriers');
  }

  applyOrder(order: OrderView, notify = true): void {
    if (FINISHED_STATUSES.includes(order.status)) this.orders.delete(order.id);
    else this.orders.set(order.id, { ...this.orders.get(order.id), ...order });
    if (notify) this.emit('orders');
  }

  isStale(courier: CourierState, now = Date.now()): boolean {
    return !courier.positionAt || now - courier.positionAt > STALE_AFTER_MS;
  }

  private putCourier(courier: BoardCourierView): void {
    const positionAt = courier.position?.at ? Date.parse(courier.position.at) : courier.position ? Date.now() : 0;
    this.couriers.set(courier.id, { ...courier, activeOrderIds: courier.activeOrderIds ?? [], positionAt });
  }

  // A courier heard of before its name (a position before its shift event): named when the shift event arrives.
  private unknownCourier(id: string): CourierState {
    const courier: CourierState = { id, name: id.slice(0, 8), onShift: true, status: 'available', shiftEndsAt: null, position: null, activeOrderIds: [], positionAt: 0 };
    this.couriers.set(id, courier);
    return courier;
  }

  private emit(kind: 'couriers' | 'orders'): void {
    this.listeners[kind].forEach((listener) => listener());
  }
}
