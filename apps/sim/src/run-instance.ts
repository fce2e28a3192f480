import { CoopLimits, createPolicy, FairnessTarget, PolicyOptions, WorkOutlook } from '@lib/dispatch-policy';
import { checkFeasibility, FeasibilityReport } from './feasibility/check-feasibility';
import { MdrpInstance } from './mdrp/instance';
import { readMdrpInstance } from './mdrp/read-instance';
import { workOutlookOfDay } from './mdrp/work-outlook-of-day';
import { dayMetrics, DayMetrics } from './metrics/day-metrics';
import { percentile } from './metrics/statistics';
import { replayDay } from './replay/replay-day';
import { readSolution, writeSolution } from './solution/solution-files';
import { solutionFromWorld } from './solution/solution-from-world';
import { seededDeclines } from './world/offer-responder';
import { WorldRules } from './world/sim-world';

export interface RunOptions {
  readonly instanceFolder: string;
  readonly outFolder: string;
  readonly policyName: string;
  /** The co-op's fairness weight; its pay rule comes from the instance. */
  readonly fairnessWeight: number;
  /** What the fairness term evens out (default: guaranteed pay per shift-hour). */
  readonly fairnessTarget?: FairnessTarget;
  readonly declineRate: number;
  readonly seed: number;
  readonly policyOptions?: PolicyOptions;
  /** The day the co-op's work outlook is learnt from: 'same-day' (the replayed day
   *  itself, an upper estimate) or another instance folder; absent: no outlook. */
  readonly workOutlookFrom?: string;
  /** Stress test: keep this share of the couriers, spread evenly over the list (1 = the day as published). */
  readonly courierShare?: number;
  /** Courier capacity (absent: none, as the MDRP sets none). */
  readonly rules?: WorldRules;
  /** The co-op's offer limit (absent: none). */
  readonly limits?: CoopLimits;
}

export interface RunResult {
  readonly instance: string;
  readonly policy: string;
  readonly feasibility: FeasibilityReport;
  readonly metrics: DayMetrics;
  readonly timing: RunTiming;
  readonly offers: { readonly accepted: number; readonly declined: number };
}

export interface RunTiming {
  readonly decisionTicks: number;
  readonly decisionP50Ms: number;
  readonly decisionP99Ms: number;
  readonly decisionMaxMs: number;
  /** Whole replay (world + policy), excluding file writing and checking. */
  readonly wallMs: number;
}

/** The timing of a replay (one co-op's or two co-ops'), from its decision and wall times. */
export function runTiming(replay: { readonly decisionMillis: readonly number[]; readonly wallMillis: number }): RunTiming {
  return {
    decisionTicks: replay.decisionMillis.length,
    decisionP50Ms: percentile(replay.decisionMillis, 50),
    decisionP99Ms: percentile(replay.decisionMillis, 99),
    decisionMaxMs: Math.max(0, ...replay.decisionMillis),
    wallMs: replay.wallMillis,
  };
}

/** Replays one instance with one policy, writes the three solution files, reads
 *  them back and checks and measures what was written. */
export function runInstance(options: RunOptions): RunResult {
  const instance = thinCouriers(readMdrpInstance(options.instanceFolder), options.courierShare ?? 1);
  const policy = createPolicy(options.policyName, options.policyOptions);
  const responder = seededDeclines(options.declineRate, options.seed);
  const weights = { fairness: options.fairnessWeight, guaranteedHourlyPay: instance.parameters.guaranteedPayPerHour, fairnessTarget: options.fairnessTarget };
  const workOutlook = outlookFor(instance, options.workOutlookFrom);
  const replay = replayDay(instance, { policy, weights, responder, seed: options.seed, workOutlook, rules: options.rules, limits: options.limits });
  writeSolution(options.outFolder, solutionFromWorld(replay.world));
  const written = readSolution(options.outFolder);
  return {
    instance: instance.name,
    policy: policy.name,
    feasibility: checkFeasibility(instance, written),
    metrics: dayMetrics(instance, written),
    timing: runTiming(replay),
    offers: { accepted: replay.offersAccepted, declined: replay.offersDeclined },
  };
}

function outlookFor(instance: MdrpInstance, from: string | undefined): WorkOutlook | undefined {
  if (from === undefined) return undefined;
  return workOutlookOfDay(from === 'same-day' ? instance : readMdrpInstance(from));
}

function thinCouriers(instance: MdrpInstance, share: number): MdrpInstance {
  if (share >= 1) return instance;
  // Courier i stays when the running count of kept couriers steps up at i (2/3: two of every three).
  return { ...instance, couriers: instance.couriers.filter((_, i) => Math.floor((i + 1) * share) > Math.floor(i * share)) };
}
