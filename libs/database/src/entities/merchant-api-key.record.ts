/**
 * A row of `merchant_api_keys`, without `key_hash`: the hash is written once and only read
 * to authenticate a key (CredentialsRepository, through a SECURITY DEFINER function).
 */
export interface MerchantApiKeyRecord {
  id: string;
  cooperativeId: string;
  merchantId: string;
  /** The first characters of the key, to tell keys apart. */
  keyPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}
