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

/** `GET /api/v1/dispatch/board`: working couriers and every open order of the cooperative. */
export interface DispatchBoardView {
  couriers: BoardCourierView[];
  orders: OrderView[];
}
