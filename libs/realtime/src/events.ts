/**
 * The typed event map of the tracking gateway: what the server sends on each namespace
 * (the public contract's "Live tracking" table), what clients may send, and the notices
 * the other processes send the gateways. Times are ISO-8601 UTC strings.
 */

export type OrderStatus = 'pending' | 'offered' | 'assigned' | 'picked_up' | 'delivered' | 'failed' | 'cancelled';

/** The statuses in which a customer sees the courier's position. */
export const LIVE_ORDER_STATUSES: readonly OrderStatus[] = ['assigned', 'picked_up'];

export function isLiveOrderStatus(status: string): boolean {
  return (LIVE_ORDER_STATUSES as readonly string[]).includes(status);
}

/** The order as the REST API presents it (`GET /api/v1/orders/:id`); its shape is owned by the orders module. */
export type OrderPayload = { id: string; status: OrderStatus } & Record<string, unknown>;

export interface LatLngPayload {
  lat: number;
  lng: number;
}

export interface OfferEvent {
  offerId: string;
  orderId: string;
  pickup: unknown;
  dropoff: unknown;
  price: { amount: number; currency: string };
  expiresAt: string;
}

export interface OfferWithdrawnEvent {
  offerId: string;
}

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

export type CourierActivity = 'offline' | 'available' | 'busy';

export interface CourierStatusEvent {
  courierId: string;
  onShift: boolean;
  status: CourierActivity;
  /** The courier's display name (an addition to the contract: dispatch boards loaded earlier do not know it). */
  name?: string;
  /** When the courier plans to stop, null for an open-ended shift (an addition to the contract). */
  shiftEndsAt?: string | null;
}

export interface TrackStatusEvent {
  status: OrderStatus;
  at: string;
  /** Estimated delivery time, or null when there is none (not yet assigned, or finished). */
  eta: string | null;
}

export interface TrackPositionEvent {
  lat: number;
  lng: number;
  at: string;
}

/** What the courier sends: `location` with an acknowledgement. */
export interface LocationMessage {
  lat: number;
  lng: number;
  accuracy?: number | null;
  heading?: number | null;
  speed?: number | null;
  /** ISO-8601 with a zone, or epoch milliseconds (as `GeolocationPosition.timestamp`). */
  at: string | number;
}

/**
 * `error` is a stable code: `invalid_location` (with a human `detail`), `not_on_shift`,
 * `rate_limited` or `unavailable` (retry later).
 */
export type LocationAck = { ok: true } | { ok: false; error: string; detail?: string };

export interface CourierServerEvents {
  offer: (offer: OfferEvent) => void;
  'offer.withdrawn': (event: OfferWithdrawnEvent) => void;
  'order.updated': (order: OrderPayload) => void;
}

export interface CourierClientEvents {
  location: (message: LocationMessage, ack: (result: LocationAck) => void) => void;
}

export interface DispatchServerEvents {
  'courier.position': (event: CourierPositionEvent) => void;
  'courier.positions': (event: CourierPositionsEvent) => void;
  'courier.status': (event: CourierStatusEvent) => void;
  'order.updated': (order: OrderPayload) => void;
}

export interface TrackServerEvents {
  status: (event: TrackStatusEvent) => void;
  position: (event: TrackPositionEvent) => void;
}

/** An order's new status as the API publishes it; `courierId` stays between the processes. */
export interface OrderStatusNotice extends TrackStatusEvent {
  orderId: string;
  /** The courier holding the order now (null when none); the gateway relays its positions while the status is live. */
  courierId: string | null;
}

export interface ShiftNotice {
  cooperativeId: string;
  courierId: string;
  onShift: boolean;
}

/**
 * Server-side events (socket.io `serverSideEmit`) from the publisher to every gateway
 * instance: never sent to a client.
 */
export interface GatewayNotices {
  /** On `/track`: an order's status changed. */
  'order.status': (notice: OrderStatusNotice) => void;
  /** On `/courier`: a courier started or ended a shift. */
  'courier.shift': (notice: ShiftNotice) => void;
}
