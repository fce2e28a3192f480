import type { CourierActivity } from './courier-view';
import type { OrderView } from './order-view';

/** A working courier on the dispatch board. */
export interface BoardCourierView {
  id: string;
  name: string;
  onShift: boolean;
  status: CourierActivity;
  capacity: number;
  /** When the courier plans to stop; null for an open-ended shift. */
  shiftEndsAt: string | null;
  /** The latest position; `stale` once it is too old for dispatch to offer the courier work. */
  position: { lat: number; lng: number; at: string; stale: boolean } | null;
  /** The orders the courier holds (`assigned` or `picked_up`). */
  activeOrderIds: string[];
}

/** A partner co-op's courier holding one of this co-op's orders (overflow), shown only while it holds it. */
export interface BoardPartnerCourierView {
  id: string;
  /** The partner co-op carrying the orders. */
  cooperativeId: string;
  position: { lat: number; lng: number; at: string } | null;
  activeOrderIds: string[];
}

/**
 * `GET /api/v1/dispatch/board`: working couriers and every open order of the cooperative,
 * including the orders a partner co-op handed to it; `partnerCouriers` are the partners'
 * couriers holding this co-op's own orders.
 */
export interface DispatchBoardView {
  couriers: BoardCourierView[];
  orders: OrderView[];
  partnerCouriers: BoardPartnerCourierView[];
}
