import { createPolicy } from '@lib/dispatch-policy';
import { checkFeasibility, FeasibilityReport } from '../feasibility/check-feasibility';
import { readMdrpInstance } from '../mdrp/read-instance';
import { RunOptions, RunTiming, runTiming } from '../run-instance';
import { readSolution, writeSolution } from '../solution/solution-files';
import { solutionFromWorld } from '../solution/solution-from-world';
import { seededDeclines } from '../world/offer-responder';
import { CoopFigures, coopFigures } from './coop-figures';
import { CoopName, COOPS, DEFAULT_SPLIT, inStrip, SplitOptions, splitDay, Strip } from './coop-split';
import { Partnership } from './partnership';
import { replayTwoCoops } from './replay-two-coops';

export interface PartnershipTerms {
  readonly shareOfPrice: number;
  readonly maxOrdersPerDay: number;
  /** 'overlap' (the contract's default): where both co-ops' areas overlap; 'everywhere':
   *  anywhere in either area (a wider agreement, the most overflow can buy). */
  readonly area: PartnershipArea;
}

export type PartnershipArea = 'overlap' | 'everywhere';

export const DEFAULT_PARTNERSHIP_TERMS: PartnershipTerms = { shareOfPrice: 0.8, maxOrdersPerDay: Infinity, area: 'overlap' };

const EVERYWHERE: Strip = { minX: -Infinity, maxX: Infinity };

/** A one-co-op run's options (both co-ops apply the same weights and rules), without the outlook or stress share. */
export interface TwoCoopRunOptions extends Omit<RunOptions, 'workOutlookFrom' | 'courierShare'> {
  readonly split?: SplitOptions;
  /** Absent: no partnership. Its area is the overlap of both co-ops' areas. */
  readonly partnership?: PartnershipTerms;
  /** Experiment, not production's rule: also overflow orders this late after ready (see replayTwoCoops). */
  readonly overflowLateAfterMinutes?: number;
}

export interface TwoCoopRunResult {
  readonly instance: string;
  readonly policy: string;
  readonly partnership: (Omit<PartnershipTerms, 'area'> & { readonly area: PartnershipArea; readonly strip: Strip }) | 'off';
  readonly split: { readonly splitX: number; readonly overlap: Strip; readonly ordersInPartnershipArea: number };
  readonly feasibility: FeasibilityReport;
  /** West, east, then both together. */
  readonly figures: readonly CoopFigures[];
  readonly timing: RunTiming;
  readonly offers: { readonly accepted: number; readonly declined: number };
}

/** Replays one instance as two co-ops, writes the day's three solution files (one world,
 *  one set of files), reads them back, checks them and measures each co-op. */
export function runTwoCoops(options: TwoCoopRunOptions): TwoCoopRunResult {
  const instance = readMdrpInstance(options.instanceFolder);
  const day = splitDay(instance, options.split ?? DEFAULT_SPLIT);
  const terms = options.partnership;
  const partnership: Partnership | undefined = terms && { area: terms.area === 'overlap' ? day.overlap : EVERYWHERE, shareOfPrice: terms.shareOfPrice, maxOrdersPerDay: terms.maxOrdersPerDay };
  const weights = { fairness: options.fairnessWeight, guaranteedHourlyPay: instance.parameters.guaranteedPayPerHour, fairnessTarget: options.fairnessTarget };
  const replay = replayTwoCoops(day, {
    policies: perCoop(() => createPolicy(options.policyName, options.policyOptions)),
    weights: perCoop(() => weights),
    responder: seededDeclines(options.declineRate, options.seed),
    seed: options.seed,
    limits: options.limits,
    rules: options.rules,
    partnership,
    overflowLateAfterMinutes: options.overflowLateAfterMinutes,
  });
  writeSolution(options.outFolder, solutionFromWorld(replay.world));
  const written = readSolution(options.outFolder);
  const inArea = instance.orders.filter((order) => inStrip(day.overlap, instance.restaurants.get(order.restaurantId)!) && inStrip(day.overlap, order.dropoff)).length;
  return {
    instance: instance.name,
    policy: options.policyName,
    partnership: terms && partnership ? { ...terms, strip: partnership.area } : 'off',
    split: { splitX: day.splitX, overlap: day.overlap, ordersInPartnershipArea: inArea },
    feasibility: checkFeasibility(instance, written),
    figures: coopFigures(day, written, replay.shared, partnership?.shareOfPrice ?? 0),
    timing: runTiming(replay),
    offers: { accepted: replay.offersAccepted, declined: replay.offersDeclined },
  };
}

function perCoop<T>(make: (coop: CoopName) => T): Record<CoopName, T> {
  return Object.fromEntries(COOPS.map((coop) => [coop, make(coop)])) as Record<CoopName, T>;
}
