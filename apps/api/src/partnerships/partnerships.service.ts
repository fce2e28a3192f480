import { HttpStatus, Injectable } from '@nestjs/common';
import { Principal } from '@lib/auth';
import { CooperativesRepository, OrderSharesRepository, PageRequest, PartnershipAction, PartnershipRecord, PartnershipsRepository, PartnershipStatus, ProposalRefusal } from '@lib/database';
import { toMultiPolygon } from '@lib/geo';
import { ProblemError } from '@lib/http';
import type { PartnershipStatementView, PartnershipView } from '@lib/wire';
import { ProposePartnershipDto } from './partnership.dto';
import { presentPartnership, presentStatement } from './partnership.presenter';

const refusals: Record<ProposalRefusal, () => ProblemError> = {
  no_partner: () => ProblemError.invalid([{ field: 'partnerCooperativeId', message: 'partnerCooperativeId is not a cooperative' }]),
  no_overlap: () => ProblemError.unprocessable('The two service areas do not overlap: give terms.area', 'no_overlap'),
  currency_mismatch: () => ProblemError.unprocessable('The two co-ops price in different currencies; a statement adds prices of one currency', 'currency_mismatch'),
  already_partners: () => ProblemError.conflict('A partnership between these co-ops is already proposed or active', 'partnership_exists'),
};

/** The moves of a partnership: who may make each, from which statuses, and the log entry it leaves. */
const moves: Record<'accept' | 'decline' | 'revoke', { from: PartnershipStatus[]; to: PartnershipStatus; action: PartnershipAction; partnerOnly: boolean }> = {
  accept: { from: ['proposed'], to: 'active', action: 'accepted', partnerOnly: true },
  decline: { from: ['proposed'], to: 'declined', action: 'declined', partnerOnly: true },
  revoke: { from: ['proposed', 'active'], to: 'revoked', action: 'revoked', partnerOnly: false },
};

/**
 * Partnerships by consent: a co-op admin proposes, the partner's admin accepts or declines,
 * either side revokes at any time. Only the two parties ever see one (row-level security):
 * for anyone else it does not exist (404).
 */
@Injectable()
export class PartnershipsService {
  constructor(
    private readonly partnerships: PartnershipsRepository,
    private readonly shares: OrderSharesRepository,
    private readonly cooperatives: CooperativesRepository,
  ) {}

  async propose(principal: Principal, input: ProposePartnershipDto): Promise<PartnershipView> {
    if (input.partnerCooperativeId === principal.cooperativeId) {
      throw ProblemError.invalid([{ field: 'partnerCooperativeId', message: 'a co-op cannot partner with itself' }]);
    }
    const area = input.terms.area ? toMultiPolygon(input.terms.area) : null;
    if (area) {
      const problem = await this.cooperatives.areaProblem(area);
      if (problem) throw ProblemError.invalid([{ field: 'terms.area', message: `terms.area is not a valid area: ${problem}` }]);
    }
    const created = await this.partnerships.propose({ partnerCooperativeId: input.partnerCooperativeId, area, shareOfPrice: input.terms.shareOfPrice, maxOrdersPerDay: input.terms.maxOrdersPerDay });
    if (typeof created === 'string') throw refusals[created]();
    await this.partnerships.log(created.id, 'proposed', actorOf(principal), { shareOfPrice: created.shareOfPrice, maxOrdersPerDay: created.maxOrdersPerDay });
    return this.present(created);
  }

  async list(page: PageRequest) {
    const result = await this.partnerships.list(page);
    const events = await this.partnerships.eventsOf(result.items.map((partnership) => partnership.id));
    return { items: result.items.map((partnership) => presentPartnership(partnership, events.get(partnership.id) ?? [])), nextCursor: result.nextCursor };
  }

  async get(id: string): Promise<PartnershipView> {
    return this.present(await this.visible(id));
  }

  async move(principal: Principal, id: string, name: keyof typeof moves): Promise<PartnershipView> {
    const move = moves[name];
    const current = await this.visible(id);
    if (move.partnerOnly && current.partnerCooperativeId !== principal.cooperativeId) {
      throw new ProblemError(HttpStatus.FORBIDDEN, "Only the partner co-op's admin answers a proposal", 'not_the_partner');
    }
    const moved = await this.partnerships.changeStatus(id, move.from, move.to, move.partnerOnly ? 'partner' : undefined);
    if (!moved) {
      const now = await this.visible(id);
      throw ProblemError.conflict(`The partnership is ${now.status} and cannot become ${move.to}`, 'illegal_transition');
    }
    await this.partnerships.log(id, move.action, actorOf(principal));
    return this.present(moved);
  }

  /** Delivered shared orders in [from, to): by default from the proposal until now. */
  async statement(id: string, period: { from?: string; to?: string }): Promise<PartnershipStatementView> {
    const partnership = await this.visible(id);
    const from = period.from ? new Date(period.from) : partnership.createdAt;
    const to = period.to ? new Date(period.to) : new Date();
    if (!(from.getTime() < to.getTime())) throw ProblemError.invalid([{ field: 'to', message: 'to must be after from' }]);
    const proposer = await this.cooperatives.findById(partnership.proposerCooperativeId);
    return presentStatement(await this.shares.statement(id, from, to), proposer!.currency.trim(), from, to);
  }

  /** The partnership if the current co-op is a party to it; 404 otherwise, exactly as for an absent one. */
  private async visible(id: string): Promise<PartnershipRecord> {
    const partnership = await this.partnerships.findById(id);
    if (!partnership) throw ProblemError.notFound('Partnership');
    return partnership;
  }

  private async present(partnership: PartnershipRecord): Promise<PartnershipView> {
    const events = await this.partnerships.eventsOf([partnership.id]);
    return presentPartnership(partnership, events.get(partnership.id) ?? []);
  }
}

const actorOf = (principal: Principal) => (principal.userId ? `user:${principal.userId}` : `key:${principal.apiKeyId}`);
