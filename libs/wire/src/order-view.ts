import type { LatLng, Money } from './common';
import type { OrderStatus } from './order-status';

export type ParcelSize = 'S' | 'M' | 'L';

/** A pickup or drop-off as an order shows it. */
export interface OrderStop {
  address: string;
  location: LatLng;
  contactName: string | null;
  phone: string | null;
  notes: string | null;
}

export interface Parcel {
  size: ParcelSize;
  weightKg: number | null;
}

/** How a delivery was proven (`pin`, `signature` or `photo`). */
export interface DeliveryProof {
  type: string;
  value: string;
}

/** One entry of an order's history: the status it entered, when, and who moved it. */
export interface OrderEventView {
  status: OrderStatus;
  at: string;
  /** Who: `user:<id>`, `key:<api key id>`, `courier:<id>` or `system:<what>`. */
  by: string;
}

/**
 * The order as the REST API returns it (`GET /api/v1/orders/:id`, lists, intake, every
 * order step) and as `order.updated` carries it on `/courier` and `/dispatch`; webhooks send
 * it as `data.order`. Times are ISO-8601 UTC strings.
 */
export interface OrderView {
  id: string;
  /** The co-op whose order it is (its merchant's), also while a partner carries it. */
  cooperativeId: string;
  /** The partner co-op carrying it (overflow under a partnership), null while its own co-op does. */
  carrierCooperativeId: string | null;
  status: OrderStatus;
  /** Waiting for a dispatcher: no courier could take it, or every offer was declined or expired. */
  needsAttention: boolean;
  merchantId: string;
  courierId: string | null;
  pickup: OrderStop;
  dropoff: OrderStop;
  readyAt: string;
  deliverBy: string | null;
  parcel: Parcel;
  reference: string | null;
  price: Money;
  distanceMeters: number;
  trackingToken: string;
  trackingUrl: string;
  proof: DeliveryProof | null;
  failureReason: string | null;
  cancelReason: string | null;
  createdAt: string;
  updatedAt: string;
  /** Every status change, oldest first. */
  events: OrderEventView[];
}
