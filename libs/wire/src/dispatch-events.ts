import type { CourierActivity } from './courier-view';
import type { OrderView } from './order-view';

export interface CourierPositionEvent {
  courierId: string;
  lat: number;
  lng: number;
  at: string;
}

/**
 * The batched form of `courier.position`, for dispatchers that connect with
 * `auth: { token, batch: true }`: the latest position of every courier that moved during
 * the last tick (about one second), in one frame. `snapshot: true` marks the first frame of
 * a connection, which lists every courier with a recent position.
 */
export interface CourierPositionsEvent {
  positions: CourierPositionEvent[];
  snapshot: boolean;
}

export interface CourierStatusEvent {
  courierId: string;
  onShift: boolean;
  status: CourierActivity;
  /** The courier's display name (an addition to the contract: dispatch boards loaded earlier do not know it). */
  name?: string;
  /** When the courier plans to stop, null for an open-ended shift (an addition to the contract). */
  shiftEndsAt?: string | null;
}

/** `/dispatch`, server → client. */
export interface DispatchServerEvents {
  'courier.position': (event: CourierPositionEvent) => void;
  'courier.positions': (event: CourierPositionsEvent) => void;
  'courier.status': (event: CourierStatusEvent) => void;
  'order.updated': (order: OrderView) => void;
}

/** `/dispatch`, client → server: nothing, the namespace is read-only. */
export type DispatchClientEvents = Record<string, never>;
