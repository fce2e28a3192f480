import type { OrderStatus, OrderStop, ParcelSize } from '@lib/wire';

// The wire owns these shapes; the database layer stores exactly them.
export type { OrderStatus, OrderStop, ParcelSize };

/**
 * Every status, for validation and the OpenAPI enum. The compiler holds it to the wire's
 * `OrderStatus`: `satisfies` refuses a status the wire does not have, and `ListsEvery` one it
 * has that is missing here.
 */
export const orderStatuses = ['pending', 'offered', 'assigned', 'picked_up', 'delivered', 'failed', 'cancelled'] as const satisfies readonly OrderStatus[];
type ListsEvery<Missing extends never> = Missing;
type OrderStatusesCheck = ListsEvery<Exclude<OrderStatus, (typeof orderStatuses)[number]>>;

/** An order as stored, in the application's terms. */
export interface OrderRecord {
  id: string;
  cooperativeId: string;
  /** The partner co-op the order was handed to (its overflow), null while its own co-op carries it. */
  carrierCooperativeId: string | null;
  merchantId: string;
  courierId: string | null;
  status: OrderStatus;
  needsAttention: boolean;
  pickup: OrderStop;
  dropoff: OrderStop;
  readyAt: Date;
  deliverBy: Date | null;
  parcel: { size: ParcelSize; weightKg: number | null };
  reference: string | null;
  price: { amount: number; currency: string };
  distanceMeters: number;
  trackingToken: string;
  deliveryPin: string;
  createdBy: string;
  proof: { type: string; value: string } | null;
  failureReason: string | null;
  cancelReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrderEventRecord {
  orderId: string;
  status: OrderStatus;
  at: Date;
  actor: string;
  detail: Record<string, unknown> | null;
}

/** The SELECT list that every order query shares, so rows always map the same way. */
export const orderColumns = `
  o.id, o.cooperative_id, o.carrier_cooperative_id, o.merchant_id, o.courier_id, o.status, o.needs_attention,
  o.pickup_address, ST_Y(o.pickup_location::geometry) AS pickup_lat, ST_X(o.pickup_location::geometry) AS pickup_lng,
  o.pickup_contact_name, o.pickup_phone, o.pickup_notes,
  o.dropoff_address, ST_Y(o.dropoff_location::geometry) AS dropoff_lat, ST_X(o.dropoff_location::geometry) AS dropoff_lng,
  o.dropoff_contact_name, o.dropoff_phone, o.dropoff_notes,
  o.ready_at, o.deliver_by, o.parcel_size, o.parcel_weight_kg, o.reference, o.price_amount, o.price_currency,
  o.distance_meters, o.tracking_token, o.delivery_pin, o.created_by, o.proof, o.failure_reason, o.cancel_reason, o.created_at, o.updated_at`;

type Row = Record<string, unknown>;

function stop(row: Row, prefix: 'pickup' | 'dropoff'): OrderStop {
  return {
    address: row[`${prefix}_address`] as string,
    location: { lat: row[`${prefix}_lat`] as number, lng: row[`${prefix}_lng`] as number },
    contactName: (row[`${prefix}_contact_name`] as string | null) ?? null,
    phone: (row[`${prefix}_phone`] as string | null) ?? null,
    notes: (row[`${prefix}_notes`] as string | null) ?? null,
  };
}

export function toOrderRecord(row: Row): OrderRecord {
  return {
    id: row.id as string,
    cooperativeId: row.cooperative_id as string,
    carrierCooperativeId: (row.carrier_cooperative_id as string | null) ?? null,
    merchantId: row.merchant_id as string,
    courierId: (row.courier_id as string | null) ?? null,
    status: row.status as OrderStatus,
    needsAttention: row.needs_attention as boolean,
    pickup: stop(row, 'pickup'),
    dropoff: stop(row, 'dropoff'),
    readyAt: row.ready_at as Date,
    deliverBy: (row.deliver_by as Date | null) ?? null,
    parcel: { size: row.parcel_size as ParcelSize, weightKg: row.parcel_weight_kg === null ? null : Number(row.parcel_weight_kg) },
    reference: (row.reference as string | null) ?? null,
    price: { amount: row.price_amount as number, currency: (row.price_currency as string).trim() },
    distanceMeters: row.distance_meters as number,
    trackingToken: row.tracking_token as string,
    deliveryPin: row.delivery_pin as string,
    createdBy: row.created_by as string,
    proof: (row.proof as OrderRecord['proof']) ?? null,
    failureReason: (row.failure_reason as string | null) ?? null,
    cancelReason: (row.cancel_reason as string | null) ?? null,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}
