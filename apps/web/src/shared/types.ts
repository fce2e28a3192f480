/** The API's shapes as the pages use them (see shared/CONTRACT.md). */
export interface LatLng {
  lat: number;
  lng: number;
}

export interface Money {
  amount: number;
  currency: string;
}

export interface Place {
  address?: string;
  location?: LatLng;
  contactName?: string;
  phone?: string;
  notes?: string;
}

export type OrderStatus = 'pending' | 'offered' | 'assigned' | 'picked_up' | 'delivered' | 'failed' | 'cancelled';

export interface Order {
  id: string;
  status: OrderStatus;
  merchantId: string;
  courierId: string | null;
  pickup: Place;
  dropoff: Place;
  readyAt?: string;
  deliverBy?: string;
  reference?: string | null;
  price?: Money;
  distanceMeters?: number;
  trackingToken?: string;
  trackingUrl?: string;
  needsAttention?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface BoardCourier {
  id: string;
  name: string;
  onShift: boolean;
  status: string;
  position: (LatLng & { at?: string }) | null;
  activeOrderIds: string[];
  /** When the courier plans to stop; null for an open-ended shift. */
  shiftEndsAt?: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const FINISHED_STATUSES: readonly OrderStatus[] = ['delivered', 'failed', 'cancelled'];
