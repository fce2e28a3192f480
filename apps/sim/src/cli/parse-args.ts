import { DEFAULT_COOP_WEIGHTS, FairnessTarget } from '@lib/dispatch-policy';

export interface SimArgs {
  readonly mdrp: string;
  readonly out: string;
  readonly policy: string;
  readonly declineRate: number;
  readonly seed: number;
  readonly fairness: number;
  /** What the fairness term evens out (absent: the co-op default, order earnings per shift-hour). */
  readonly fairnessTarget?: FairnessTarget;
  /** 'same-day' or an instance folder the co-op's work outlook is learnt from (absent: none). */
  readonly workOutlookFrom?: string;
  /** Courier capacity and offer limit (absent: none, as the MDRP sets none). */
  readonly capacity?: number;
  readonly maxOffers?: number;
  /** 'two': the day split between two co-ops (see two-coops/coop-split.ts). */
  readonly coops: 'one' | 'two';
  readonly twoCoops: TwoCoopArgs;
}

export interface TwoCoopArgs {
  readonly partnership: boolean;
  /** Orders that may cross in the day (default: no cap). */
  readonly cap: number;
  /** The carrying co-op's share of a shared order's price. */
  readonly share: number;
  /** Share of the day's pickups in the band where both co-op areas overlap. */
  readonly overlap: number;
  /** Where orders may cross: the overlap of both areas (the contract's default) or anywhere in either. */
  readonly partnerArea: 'overlap' | 'everywhere';
}

export const USAGE =
  'usage: npm run sim -- --mdrp <instance folder> --out <folder> [--policy greedy|rolling-horizon] ' +
  '[--decline-rate <0..1> --seed <n>] [--fairness <minutes>] [--fairness-target order-earnings|guaranteed-pay] ' +
  '[--work-outlook same-day|<instance folder>] [--capacity <orders>] [--max-offers <n>] ' +
  '[--coops one|two [--partnership on|off] [--cap <orders/day>] [--share <0..1>] [--overlap <0..1>] [--partner-area overlap|everywhere]]';

export function parseSimArgs(argv: readonly string[]): SimArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!flag.startsWith('--') || i + 1 >= argv.length) throw new UsageError(`unexpected argument "${flag}"`);
    values.set(flag.slice(2), argv[++i]);
  }
  const known = ['mdrp', 'out', 'policy', 'decline-rate', 'seed', 'fairness', 'fairness-target', 'work-outlook', 'capacity', 'max-offers', ...TWO_COOP_OPTIONS];
  for (const key of values.keys()) if (!known.includes(key)) throw new UsageError(`unknown option --${key}`);
  const mdrp = values.get('mdrp');
  const out = values.get('out');
  if (!mdrp || !out) throw new UsageError('--mdrp and --out are required');
  const declineRate = numberOption(values, 'decline-rate', 0);
  if (declineRate < 0 || declineRate > 1) throw new UsageError('--decline-rate must be within 0..1');
  const fairnessTarget = values.get('fairness-target') ?? DEFAULT_COOP_WEIGHTS.fairnessTarget;
  if (fairnessTarget !== undefined && fairnessTarget !== 'guaranteed-pay' && fairnessTarget !== 'order-earnings') {
    throw new UsageError('--fairness-target must be guaranteed-pay or order-earnings');
  }
  return {
    mdrp,
    out,
    policy: values.get('policy') ?? 'rolling-horizon',
    declineRate,
    seed: numberOption(values, 'seed', 0),
    fairness: numberOption(values, 'fairness', DEFAULT_COOP_WEIGHTS.fairness),
    fairnessTarget,
    workOutlookFrom: values.get('work-outlook'),
    capacity: optionalPositive(values, 'capacity'),
    maxOffers: optionalPositive(values, 'max-offers'),
    coops: oneOf(values, 'coops', ['one', 'two'] as const, 'one'),
    twoCoops: parseTwoCoopArgs(values),
  };
}

const TWO_COOP_OPTIONS = ['coops', 'partnership', 'cap', 'share', 'overlap', 'partner-area'];

function parseTwoCoopArgs(values: Map<string, string>): TwoCoopArgs {
  if (values.get('coops') !== 'two') {
    const stray = TWO_COOP_OPTIONS.slice(1).find((key) => values.has(key));
    if (stray) throw new UsageError(`--${stray} needs --coops two`);
  } else if (values.has('work-outlook')) {
    throw new UsageError('--work-outlook is not supported with --coops two yet (each co-op would learn its own)');
  }
  const share = numberOption(values, 'share', 0.8);
  const overlap = numberOption(values, 'overlap', 0.4);
  if (share < 0 || share > 1 || overlap < 0 || overlap > 1) throw new UsageError('--share and --overlap must be within 0..1');
  const cap = numberOption(values, 'cap', Infinity);
  if (cap < 0) throw new UsageError('--cap must be 0 or more');
  return {
    partnership: oneOf(values, 'partnership', ['on', 'off'] as const, 'on') === 'on',
    cap,
    share,
    overlap,
    partnerArea: oneOf(values, 'partner-area', ['overlap', 'everywhere'] as const, 'overlap'),
  };
}

function oneOf<T extends string>(values: Map<string, string>, key: string, allowed: readonly T[], fallback: T): T {
  const raw = values.get(key) ?? fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`--${key} must be ${allowed.join(' or ')}`);
  return raw as T;
}

function optionalPositive(values: Map<string, string>, key: string): number | undefined {
  if (!values.has(key)) return undefined;
  const value = numberOption(values, key, 0);
  if (value < 1) throw new UsageError(`--${key} must be 1 or more`);
  return value;
}

function numberOption(values: Map<string, string>, key: string, fallback: number): number {
  const raw = values.get(key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new UsageError(`--${key} must be a number`);
  return value;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
