import type { OrderEventRecord, OrderRecord, OrderStop } from '@lib/database';

function presentStop(stop: OrderStop) {
  return { address: stop.address, location: stop.location, contactName: stop.contactName, phone: stop.phone, notes: stop.notes };
}

/** The order as the contract shows it, with its history. */
export function presentOrder(order: OrderRecord, events: OrderEventRecord[], publicBaseUrl: string) {
  return {
    id: order.id,
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
    events: events.map((event) => ({ status: event.status, at: event.at.toISOString(), by: event.actor })),
  };
}

export type OrderView = ReturnType<typeof presentOrder>;
