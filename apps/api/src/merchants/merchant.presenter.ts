import { MerchantApiKeyRecord, MerchantRecord } from '@lib/database';
import { fromGeoJsonPoint } from '@lib/geo';
import type { ApiKeyView, MerchantView } from '@lib/wire';

export function presentMerchant(merchant: MerchantRecord): MerchantView {
  return {
    id: merchant.id,
    cooperativeId: merchant.cooperativeId,
    name: merchant.name,
    address: merchant.address,
    location: fromGeoJsonPoint(merchant.location),
    phone: merchant.phone,
    createdAt: merchant.createdAt.toISOString(),
    updatedAt: merchant.updatedAt.toISOString(),
  };
}

/** Key metadata only: the key itself is shown once, at creation. */
export function presentApiKey(key: MerchantApiKeyRecord): ApiKeyView {
  return {
    id: key.id,
    merchantId: key.merchantId,
    prefix: key.keyPrefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
