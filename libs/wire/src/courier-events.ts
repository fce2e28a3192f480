import type { Money } from './common';
import type { OrderStop, OrderView } from './order-view';

/** An order offered to one courier, to accept or decline (`POST /api/v1/offers/:offerId/…`) before `expiresAt`. */
export interface OfferEvent {
  offerId: string;
  orderId: string;
  pickup: OrderStop;
  dropoff: OrderStop;
  price: Money;
  expiresAt: string;
}

export interface OfferWithdrawnEvent {
  offerId: string;
}

/** A courier's position, sent as `location`. */
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
 * The answer to `location`. `error` is a stable code: `invalid_location` (with a human
 * `detail`), `not_on_shift`, `rate_limited` or `unavailable` (retry later).
 */
export type LocationAck = { ok: true } | { ok: false; error: string; detail?: string };

/** `/courier`, server → client. */
export interface CourierServerEvents {
  offer: (offer: OfferEvent) => void;
  'offer.withdrawn': (event: OfferWithdrawnEvent) => void;
  'order.updated': (order: OrderView) => void;
}

/** `/courier`, client → server. */
export interface CourierClientEvents {
  location: (message: LocationMessage, ack: (result: LocationAck) => void) => void;
}
