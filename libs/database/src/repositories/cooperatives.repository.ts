import { Injectable } from '@nestjs/common';
import type { MultiPolygon } from 'geojson';
import { CooperativeRecord } from '../entities';
import { Transactions } from '../transactions';
import { keysetPage, Page, PageRequest } from './page';

export type NewCooperative = Omit<CooperativeRecord, 'id' | 'createdAt' | 'updatedAt'>;

/** What any co-op admin may know of another co-op. */
export type CooperativeDirectoryEntry = Pick<CooperativeRecord, 'id' | 'name' | 'slug'>;

/** The fields an update may change; a field left out keeps its value. */
export type CooperativeChanges = Partial<NewCooperative>;

const cooperativeColumns = `c.id, c.name, c.slug, c.timezone, c.currency, ST_AsGeoJSON(c.service_area)::json AS "serviceArea", c.settings,
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

/** A GeoJSON area as a geography value, from its JSON text (null stays null). */
const areaSql = (parameter: string) => `ST_SetSRID(ST_GeomFromGeoJSON(${parameter}::text), 4326)::geography`;

/** Cooperatives are the tenant root: not row-level secured; callers decide who may see which. */
@Injectable()
export class CooperativesRepository {
  constructor(private readonly transactions: Transactions) {}

  /** The new cooperative with the area and settings as given, and what the database filled in. */
  async create(values: NewCooperative): Promise<CooperativeRecord> {
    const [row] = await this.transactions.rows<Pick<CooperativeRecord, 'id' | 'createdAt' | 'updatedAt'>>(
      `INSERT INTO cooperatives (name, slug, timezone, currency, service_area, settings) VALUES ($1, $2, $3, $4, ${areaSql('$5')}, $6::jsonb)
       RETURNING id, created_at AS "createdAt", updated_at AS "updatedAt"`,
      [values.name, values.slug, values.timezone, values.currency, JSON.stringify(values.serviceArea), JSON.stringify(values.settings)],
    );
    return { ...values, ...row };
  }

  async findById(id: string): Promise<CooperativeRecord | null> {
    const [cooperative] = await this.transactions.rows<CooperativeRecord>(`SELECT ${cooperativeColumns} FROM cooperatives c WHERE c.id = $1`, [id]);
    return cooperative ?? null;
  }

  /** Null when there is no such cooperative. */
  async update(id: string, values: CooperativeChanges): Promise<CooperativeRecord | null> {
    const [cooperative] = await this.transactions.rows<CooperativeRecord>(
      `UPDATE cooperatives AS c SET name = coalesce($2, c.name), slug = coalesce($3, c.slug), timezone = coalesce($4, c.timezone),
         currency = coalesce($5, c.currency), service_area = coalesce(${areaSql('$6')}, c.service_area), settings = coalesce($7::jsonb, c.settings),
         updated_at = now()
       WHERE c.id = $1 RETURNING ${cooperativeColumns}`,
      [
        id,
        values.name ?? null,
        values.slug ?? null,
        values.timezone ?? null,
        values.currency ?? null,
        values.serviceArea ? JSON.stringify(values.serviceArea) : null,
        values.settings ? JSON.stringify(values.settings) : null,
      ],
    );
    return cooperative ?? null;
  }

  async slugExists(slug: string): Promise<boolean> {
    const [row] = await this.transactions.rows<{ taken: boolean }>(`SELECT EXISTS (SELECT 1 FROM cooperatives WHERE slug = $1) AS taken`, [slug]);
    return row.taken;
  }

  /** Newest first. */
  list(page: PageRequest): Promise<Page<CooperativeRecord>> {
    return keysetPage<CooperativeRecord>(this.transactions, { columns: cooperativeColumns, from: 'cooperatives c', alias: 'c' }, page);
  }

  /** Every co-op's id, name and slug only (how a co-op admin finds a partner), newest first. */
  directory(page: PageRequest): Promise<Page<CooperativeDirectoryEntry>> {
    return keysetPage<CooperativeDirectoryEntry>(this.transactions, { columns: 'c.id, c.name, c.slug', from: 'cooperatives c', alias: 'c' }, page);
  }

  /** Whether each point lies inside the cooperative's service area (edges included). */
  async covers(cooperativeId: string, points: { lat: number; lng: number }[]): Promise<boolean[]> {
    const rows = await this.transactions.rows<{ covered: boolean }>(
      `SELECT ST_Covers(c.service_area, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326)::geography) AS covered
       FROM cooperatives c, unnest($2::float8[], $3::float8[]) WITH ORDINALITY AS p(lat, lng, n)
       WHERE c.id = $1 ORDER BY p.n`,
      [cooperativeId, points.map((p) => p.lat), points.map((p) => p.lng)],
    );
    return rows.map((row) => row.covered);
  }

  /** PostGIS's reason when an area is topologically invalid (self-intersecting...), else null. */
  async areaProblem(area: MultiPolygon): Promise<string | null> {
    const [row] = await this.transactions.rows<{ valid: boolean; reason: string }>(
      `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM ST_GeomFromGeoJSON($1) AS g`,
      [JSON.stringify(area)],
    );
    return row.valid ? null : row.reason;
  }
}
