import type { LatLng } from './common';
import type { OrderStatus } from './order-status';

/**
 * `GET /api/v1/track/:trackingToken`: what a customer with the tracking link may see, and
 * nothing else (no courier name or phone, no price).
 */
export interface PublicTrackingView {
  status: OrderStatus;
  /** Estimated delivery time; null once the order is closed. */
  eta: string | null;
  merchantName: string | null;
  pickup: { address: string; location: LatLng };
  dropoff: { address: string; location: LatLng };
  /** Only while the order is `assigned` or `picked_up` and the courier's position is known. */
  courierPosition: { lat: number; lng: number; at: string } | null;
  /** The code the customer gives the courier at the door; null once the order is closed. */
  deliveryPin: string | null;
  /** Every status change, oldest first. */
  events: { status: OrderStatus; at: string }[];
}
