import type { LatLng } from './common';

/** `GET /api/v1/merchants/:id` and the other merchant routes. */
export interface MerchantView {
  id: string;
  cooperativeId: string;
  name: string;
  address: string;
  location: LatLng;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A merchant's API key, metadata only: the key itself is shown once, at creation (`{ ...ApiKeyView, key }`). */
export interface ApiKeyView {
  id: string;
  merchantId: string;
  /** The first characters of the key, to tell keys apart. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
