import { Injectable } from '@nestjs/common';
import type { MultiPolygon } from 'geojson';
import { Transactions } from '../transactions';
import { keysetPage, Page, PageRequest } from './page';

export type PartnershipStatus = 'proposed' | 'active' | 'declined' | 'revoked';
export type PartnershipAction = 'proposed' | 'accepted' | 'declined' | 'revoked';

/** A partnership as both parties see it (row-level security: only they see it at all). */
export interface PartnershipRecord {
  id: string;
  proposerCooperativeId: string;
  partnerCooperativeId: string;
  status: PartnershipStatus;
  area: MultiPolygon;
  shareOfPrice: number;
  maxOrdersPerDay: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface PartnershipEventRecord {
  action: PartnershipAction;
  cooperativeId: string;
  actor: string;
  at: Date;
  detail: Record<string, unknown> | null;
}

export interface NewPartnership {
  partnerCooperativeId: string;
  /** Null: the overlap of both co-ops' service areas. */
  area: MultiPolygon | null;
  shareOfPrice: number;
  maxOrdersPerDay: number;
}

const columns = `p.id, p.proposer_cooperative_id AS "proposerCooperativeId", p.partner_cooperative_id AS "partnerCooperativeId", p.status,
  ST_AsGeoJSON(p.area)::json AS area, p.share_of_price::float8 AS "shareOfPrice", p.max_orders_per_day AS "maxOrdersPerDay",
  p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

/** Why a proposal cannot be stored, as the service answers it. */
export type ProposalRefusal = 'no_partner' | 'no_overlap' | 'currency_mismatch' | 'already_partners';

/**
 * Partnerships between the current co-op and another, and their log. Every change is a
 * conditional update on the status, so two admins answering at once cannot both win.
 */
@Injectable()
export class PartnershipsRepository {
  constructor(private readonly transactions: Transactions) {}

  /**
   * Proposes a partnership from the current co-op. The default area is the overlap of both
   * service areas (only polygons kept); an empty overlap is refused, as is a partner with
   * another currency (a statement adds prices of one currency) or an agreement already live.
   */
  async propose(proposal: NewPartnership): Promise<PartnershipRecord | ProposalRefusal> {
    const [check] = await this.transactions.rows<{ partner: boolean; sameCurrency: boolean; overlaps: boolean; live: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM cooperatives WHERE id = $1) AS partner,
         EXISTS (SELECT 1 FROM cooperatives a JOIN cooperatives b ON b.id = $1 WHERE a.id = app_current_cooperative() AND a.currency = b.currency) AS "sameCurrency",
         EXISTS (SELECT 1 FROM cooperatives a JOIN cooperatives b ON b.id = $1 WHERE a.id = app_current_cooperative() AND ST_Intersects(a.service_area, b.service_area)) AS overlaps,
         EXISTS (SELECT 1 FROM partnerships p WHERE p.status IN ('proposed', 'active') AND $1 IN (p.proposer_cooperative_id, p.partner_cooperative_id)) AS live`,
      [proposal.partnerCooperativeId],
    );
    if (!check.partner) return 'no_partner';
    if (!check.sameCurrency) return 'currency_mismatch';
    if (check.live) return 'already_partners';
    if (!proposal.area && !check.overlaps) return 'no_overlap';
    const [row] = await this.transactions.rows<{ id: string }>(
      `INSERT INTO partnerships (proposer_cooperative_id, partner_cooperative_id, area, share_of_price, max_orders_per_day)
       SELECT a.id, b.id,
         coalesce(ST_SetSRID(ST_GeomFromGeoJSON($2::text), 4326)::geography,
                  ST_Multi(ST_CollectionExtract(ST_Intersection(a.service_area::geometry, b.service_area::geometry), 3))::geography),
         $3, $4
       FROM cooperatives a JOIN cooperatives b ON b.id = $1 WHERE a.id = app_current_cooperative()
       ON CONFLICT DO NOTHING RETURNING id`,
      [proposal.partnerCooperativeId, proposal.area ? JSON.stringify(proposal.area) : null, proposal.shareOfPrice, proposal.maxOrdersPerDay],
    );
    if (!row) return 'already_partners';
    return (await this.findById(row.id))!;
  }

  async findById(id: string): Promise<PartnershipRecord | null> {
    const [row] = await this.transactions.rows<PartnershipRecord>(`SELECT ${columns} FROM partnerships p WHERE p.id = $1`, [id]);
    return row ?? null;
  }

  /** Both directions: those the current co-op proposed and those proposed to it; newest first. */
  list(page: PageRequest): Promise<Page<PartnershipRecord>> {
    return keysetPage<PartnershipRecord>(this.transactions, { columns, from: 'partnerships p', alias: 'p' }, page);
  }

  /** Moves a partnership from one of `from` to `to`; null when it was not in one of them (or is not visible). */
  async changeStatus(id: string, from: PartnershipStatus[], to: PartnershipStatus, answeredBy?: 'partner'): Promise<PartnershipRecord | null> {
    const [row] = await this.transactions.rows<{ id: string }>(
      `UPDATE partnerships p SET status = $3, updated_at = now()
       WHERE p.id = $1 AND p.status = ANY($2::text[]) AND ($4::text IS NULL OR p.partner_cooperative_id = app_current_cooperative())
       RETURNING p.id`,
      [id, from, to, answeredBy ?? null],
    );
    return row ? this.findById(row.id) : null;
  }

  async log(partnershipId: string, action: PartnershipAction, actor: string, detail: Record<string, unknown> | null = null): Promise<void> {
    await this.transactions.rows(`INSERT INTO partnership_events (partnership_id, action, actor, detail) VALUES ($1, $2, $3, $4)`, [partnershipId, action, actor, detail]);
  }

  async eventsOf(ids: string[]): Promise<Map<string, PartnershipEventRecord[]>> {
    const events = new Map<string, PartnershipEventRecord[]>(ids.map((id) => [id, []]));
    if (!ids.length) return events;
    const rows = await this.transactions.rows<PartnershipEventRecord & { partnershipId: string }>(
      `SELECT partnership_id AS "partnershipId", action, cooperative_id AS "cooperativeId", actor, at, detail
       FROM partnership_events WHERE partnership_id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
    for (const { partnershipId, ...event } of rows) events.get(partnershipId)?.push(event);
    return events;
  }
}
