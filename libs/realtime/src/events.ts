import type { OrderStatus, TrackStatusEvent } from '@lib/wire';

/**
 * What the processes tell the gateways, besides the public events (those are the wire's:
 * `CourierServerEvents`, `DispatchServerEvents`, `TrackServerEvents` in `@lib/wire`).
 * Times are ISO-8601 UTC strings.
 */

/** The statuses in which a customer sees the courier's position. */
export const LIVE_ORDER_STATUSES: readonly OrderStatus[] = ['assigned', 'picked_up'];

export function isLiveOrderStatus(status: string): boolean {
  return (LIVE_ORDER_STATUSES as readonly string[]).includes(status);
}

/** An order's new status as the API publishes it; `courierId` stays between the processes. */
export interface OrderStatusNotice extends TrackStatusEvent {
  orderId: string;
  /** The courier holding the order now (null when none); the gateway relays its positions while the status is live. */
  courierId: string | null;
  /**
   * The order's own co-op while a partner co-op's courier holds it (overflow): its
   * dispatchers then receive that courier's positions too. Absent or null otherwise.
   */
  ownerCooperativeId?: string | null;
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
