import { DEFAULT_COOP_WEIGHTS, FairnessTarget, RollingHorizonConfig } from '@lib/dispatch-policy';

export interface BenchArgs {
  /** Only instances whose name starts with one of these (default: all). */
  readonly prefixes: readonly string[];
  readonly fairness: number;
  readonly fairnessTarget: FairnessTarget;
  readonly overrides: Partial<Record<keyof RollingHorizonConfig, number>>;
  readonly outDir?: string;
  /** Run the main table with a work outlook learnt from the replayed day or its sister day
   *  (full-size days have no sister day and run without one). */
  readonly workOutlook?: 'same-day' | 'sister-day';
  /** Skip the fairness-off and decline variants (faster tuning loops). */
  readonly quick: boolean;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const prefixes: string[] = [];
  const overrides: Record<string, number> = {};
  let fairness = DEFAULT_COOP_WEIGHTS.fairness;
  let fairnessTarget: FairnessTarget = DEFAULT_COOP_WEIGHTS.fairnessTarget;
  let outDir: string | undefined;
  let quick = false;
  let workOutlook: BenchArgs['workOutlook'];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--quick') quick = true;
    else if (flag === '--instances') prefixes.push(...argv[++i].split(','));
    else if (flag === '--fairness') fairness = Number(argv[++i]);
    else if (flag === '--fairness-target') {
      const value = argv[++i];
      if (value !== 'order-earnings' && value !== 'guaranteed-pay') throw new Error(`--fairness-target: order-earnings or guaranteed-pay, not ${value}`);
      fairnessTarget = value;
    } else if (flag === '--work-outlook') {
      const value = argv[++i];
      if (value !== 'same-day' && value !== 'sister-day') throw new Error(`--work-outlook: same-day or sister-day, not ${value}`);
      workOutlook = value;
    } else if (flag === '--out') outDir = argv[++i];
    else if (flag === '--set') {
      const [key, value] = argv[++i].split('=');
      overrides[key] = Number(value);
    } else throw new Error(`unknown option ${flag} (known: --instances a,b --fairness w --fairness-target t --work-outlook same-day|sister-day --set key=value --out dir --quick)`);
  }
  return { prefixes, fairness, fairnessTarget, overrides, outDir, quick, workOutlook };
}
