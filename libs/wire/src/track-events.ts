import type { OrderStatus } from './order-status';

export interface TrackStatusEvent {
  status: OrderStatus;
  at: string;
  /** Estimated delivery time, or null when there is none (not yet assigned, or finished). */
  eta: string | null;
}

/** The courier's position, only while the order is `assigned` or `picked_up`. */
export interface TrackPositionEvent {
  lat: number;
  lng: number;
  at: string;
}

/** `/track`, server → client. */
export interface TrackServerEvents {
  status: (event: TrackStatusEvent) => void;
  position: (event: TrackPositionEvent) => void;
}

/** `/track`, client → server: nothing, the namespace is read-only. */
export type TrackClientEvents = Record<string, never>;
