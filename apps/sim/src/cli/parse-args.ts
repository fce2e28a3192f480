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
}

export const USAGE =
  'usage: npm run sim -- --mdrp <instance folder> --out <folder> [--policy greedy|rolling-horizon] ' +
  '[--decline-rate <0..1> --seed <n>] [--fairness <minutes>] [--fairness-target order-earnings|guaranteed-pay] ' +
  '[--work-outlook same-day|<instance folder>]';

export function parseSimArgs(argv: readonly string[]): SimArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!flag.startsWith('--') || i + 1 >= argv.length) throw new UsageError(`unexpected argument "${flag}"`);
    values.set(flag.slice(2), argv[++i]);
  }
  const known = ['mdrp', 'out', 'policy', 'decline-rate', 'seed', 'fairness', 'fairness-target', 'work-outlook'];
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
  };
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
