import type { Money } from './common';

export type PartnershipStatus = 'proposed' | 'active' | 'declined' | 'revoked';

/** One entry of a partnership's log: who did what (`proposed`, `accepted`, `declined`, `revoked`) and when. */
export interface PartnershipEventView {
  action: 'proposed' | 'accepted' | 'declined' | 'revoked';
  /** The co-op whose member acted. */
  cooperativeId: string;
  /** `user:<id>` */
  by: string;
  at: string;
}

/** `/api/v1/partnerships`: an agreement between two co-ops to take each other's overflow, as both see it. */
export interface PartnershipView {
  id: string;
  status: PartnershipStatus;
  proposerCooperativeId: string;
  partnerCooperativeId: string;
  terms: {
    /** GeoJSON MultiPolygon ([lng, lat]): both stops of a shared order lie in it. */
    area: { type: 'MultiPolygon'; coordinates: number[][][][] };
    /** The carrying co-op's share of a shared order's price. */
    shareOfPrice: number;
    /** Orders a co-op carries for the other per day (its own local day). */
    maxOrdersPerDay: number;
  };
  createdAt: string;
  updatedAt: string;
  /** Every proposal and answer, oldest first. */
  events: PartnershipEventView[];
}

/** One delivered shared order of a statement. */
export interface StatementOrderView {
  orderId: string;
  /** The co-op whose order it is (who owes), and the co-op that carried it (who is owed). */
  ownerCooperativeId: string;
  carrierCooperativeId: string;
  deliveredAt: string;
  price: Money;
  /** `price × shareOfPrice`, rounded to the minor unit (half away from zero): what the owner owes the carrier. */
  partnerShare: Money;
}

/** `GET /api/v1/partnerships/:id/statement`: the same for both co-ops. */
export interface PartnershipStatementView {
  from: string;
  to: string;
  /** Both co-ops price in this currency (a partnership requires it). */
  currency: string;
  orders: StatementOrderView[];
  totals: { orders: number; price: Money; partnerShare: Money };
  /** The same totals per carrying co-op (what each is owed). */
  byCarrier: { carrierCooperativeId: string; orders: number; price: Money; partnerShare: Money }[];
}

/** `GET /api/v1/cooperatives` for a co-op admin: every co-op's id, name and slug, nothing else. */
export interface CooperativeDirectoryEntryView {
  id: string;
  name: string;
  slug: string;
}
