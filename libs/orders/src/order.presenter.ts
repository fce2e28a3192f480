import type { OrderEventRecord, OrderRecord } from '@lib/database';
import type { OrderEventView, OrderStop, OrderView } from '@lib/wire';

export type { OrderView };

function presentStop(stop: OrderRecord['pickup']): OrderStop {
  return { address: stop.address, location: stop.location, contactName: stop.contactName, phone: stop.phone, notes: stop.notes };
}

/** The order as the contract shows it, with its history: the wire's `OrderView`, field for field. */
export function presentOrder(order: OrderRecord, events: OrderEventRecord[], publicBaseUrl: string): OrderView {
  return {
    id: order.id,
    cooperativeId: order.cooperativeId,
    carrierCooperativeId: order.carrierCooperativeId,
    status: order.status,
    needsAttention: order.needsAttention,
    merchantId: order.merchantId,
    courierId: order.courierId,
    pickup: presentStop(order.pickup),
    dropoff: presentStop(order.dropoff),
    readyAt: order.readyAt.toISOString(),
    deliverBy: order.deliverBy?.toISOString() ?? null,
    parcel: order.parcel,
    reference: order.reference,
    price: order.price,
    distanceMeters: order.distanceMeters,
    trackingToken: order.trackingToken,
    trackingUrl: `${publicBaseUrl}/track/${order.trackingToken}`,
    proof: order.proof,
    failureReason: order.failureReason,
    cancelReason: order.cancelReason,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    events: events.map((event): OrderEventView => ({ status: event.status, at: event.at.toISOString(), by: event.actor })),
  };
}
