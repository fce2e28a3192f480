import { Injectable } from '@nestjs/common';
import type { Principal } from '@lib/auth';
import { CooperativesRepository, CourierReportRepository, CouriersRepository, CourierWorkRow, withDefaultSettings } from '@lib/database';
import { ProblemError } from '@lib/http';
import type { CourierReportRow, CourierReportView } from '@lib/wire';
import { fairnessOf } from './fairness-figures';
import { parseReportPeriod } from './report-period';

/**
 * The members' fairness report: how the co-op's work and pay were shared over a period. One
 * query for every member's figures; a courier gets its own row, with the whole co-op's Gini.
 */
@Injectable()
export class CourierReport {
  constructor(
    private readonly cooperatives: CooperativesRepository,
    private readonly report: CourierReportRepository,
    private readonly couriers: CouriersRepository,
  ) {}

  async forPrincipal(principal: Principal, query: { from?: string; to?: string }, now = new Date()): Promise<CourierReportView> {
    const cooperative = await this.cooperatives.findById(principal.cooperativeId!);
    if (!cooperative) throw ProblemError.notFound('Cooperative');
    const parsed = parseReportPeriod(query, cooperative.timezone, now);
    if (!parsed.ok) throw ProblemError.invalid(parsed.errors);
    const { from, to } = parsed.period;
    const settings = withDefaultSettings(cooperative.settings);
    const work = await this.report.couriersWork({ from, to, timezone: cooperative.timezone, guaranteedHourlyPay: settings.guaranteedHourlyPay, courierId: null });
    const currency = cooperative.currency.trim();
    // A token issued before the courier profile existed carries no courier id: find it by user.
    const ownId = principal.role === 'courier' ? (principal.courierId ?? (await this.couriers.findByUserId(principal.userId ?? ''))?.id) : undefined;
    const rows = work.map((row) => toReportRow(row, currency));
    const visible = principal.role === 'courier' ? rows.filter((row) => row.courierId === ownId) : rows;
    return { from: from.toISOString(), to: to.toISOString(), timezone: cooperative.timezone, couriers: visible, gini: fairnessOf(rows) };
  }
}

function toReportRow(row: CourierWorkRow, currency: string): CourierReportRow {
  return {
    courierId: row.courierId,
    name: row.name,
    jobs: row.jobs,
    distanceMeters: row.distanceMeters,
    shiftSeconds: row.shiftSeconds,
    earnings: { amount: row.earnings, currency },
    orderEarnings: { amount: row.orderEarnings, currency },
    offersDeclined: row.offersDeclined,
    offersExpired: row.offersExpired,
  };
}
