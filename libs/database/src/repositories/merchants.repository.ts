import { Injectable } from '@nestjs/common';
import { MerchantApiKeyRecord, MerchantRecord } from '../entities';
import { Transactions } from '../transactions';
import { keysetPage, Page, PageRequest } from './page';

/** The fields a merchant's update may change; a field left out keeps its value. */
export type MerchantChanges = Partial<Pick<MerchantRecord, 'name' | 'address' | 'location'>> & { phone?: string };

const merchantColumns = `m.id, m.cooperative_id AS "cooperativeId", m.name, m.address, ST_AsGeoJSON(m.location)::json AS location, m.phone,
  m.created_at AS "createdAt", m.updated_at AS "updatedAt"`;
const apiKeyColumns = `k.id, k.cooperative_id AS "cooperativeId", k.merchant_id AS "merchantId", k.key_prefix AS "keyPrefix",
  k.created_at AS "createdAt", k.last_used_at AS "lastUsedAt", k.revoked_at AS "revokedAt"`;

/** A GeoJSON point as a geography value, from its JSON text (null stays null). */
const pointSql = (parameter: string) => `ST_SetSRID(ST_GeomFromGeoJSON(${parameter}::text), 4326)::geography`;

/** Merchants of the current cooperative and their API keys. */
@Injectable()
export class MerchantsRepository {
  constructor(private readonly transactions: Transactions) {}

  async create(values: Pick<MerchantRecord, 'name' | 'address' | 'location' | 'phone'>): Promise<MerchantRecord> {
    const [merchant] = await this.transactions.rows<MerchantRecord>(
      `INSERT INTO merchants AS m (name, address, location, phone) VALUES ($1, $2, ${pointSql('$3')}, $4) RETURNING ${merchantColumns}`,
      [values.name, values.address, JSON.stringify(values.location), values.phone],
    );
    return merchant;
  }

  async findById(id: string): Promise<MerchantRecord | null> {
    const [merchant] = await this.transactions.rows<MerchantRecord>(`SELECT ${merchantColumns} FROM merchants m WHERE m.id = $1`, [id]);
    return merchant ?? null;
  }

  /** Null when the merchant is not in this cooperative. */
  async update(id: string, values: MerchantChanges): Promise<MerchantRecord | null> {
    const [merchant] = await this.transactions.rows<MerchantRecord>(
      `UPDATE merchants AS m SET name = coalesce($2, m.name), address = coalesce($3, m.address), location = coalesce(${pointSql('$4')}, m.location),
         phone = coalesce($5, m.phone), updated_at = now()
       WHERE m.id = $1 RETURNING ${merchantColumns}`,
      [id, values.name ?? null, values.address ?? null, values.location ? JSON.stringify(values.location) : null, values.phone ?? null],
    );
    return merchant ?? null;
  }

  /** Newest first. */
  list(page: PageRequest): Promise<Page<MerchantRecord>> {
    return keysetPage<MerchantRecord>(this.transactions, { columns: merchantColumns, from: 'merchants m', alias: 'm' }, page);
  }

  async addApiKey(merchantId: string, keyHash: string, keyPrefix: string): Promise<MerchantApiKeyRecord> {
    const [key] = await this.transactions.rows<MerchantApiKeyRecord>(
      `INSERT INTO merchant_api_keys AS k (merchant_id, key_hash, key_prefix) VALUES ($1, $2, $3) RETURNING ${apiKeyColumns}`,
      [merchantId, keyHash, keyPrefix],
    );
    return key;
  }

  /** Newest first, revoked ones included. */
  listApiKeys(merchantId: string): Promise<MerchantApiKeyRecord[]> {
    return this.transactions.rows(`SELECT ${apiKeyColumns} FROM merchant_api_keys k WHERE k.merchant_id = $1 ORDER BY k.created_at DESC`, [merchantId]);
  }

  /** False when the merchant has no such key in this cooperative. */
  async revokeApiKey(merchantId: string, keyId: string): Promise<boolean> {
    const rows = await this.transactions.rows(`UPDATE merchant_api_keys SET revoked_at = $3 WHERE id = $1 AND merchant_id = $2 RETURNING id`, [keyId, merchantId, new Date()]);
    return rows.length > 0;
  }
}
