import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_COOP_WEIGHTS } from '@lib/dispatch-policy';
import { runInstance } from '../apps/sim/src/run-instance';
import { readMdrpInstance } from '../apps/sim/src/mdrp/read-instance';
import { readSolution } from '../apps/sim/src/solution/solution-files';
import { coopFigures, CoopFigures } from '../apps/sim/src/two-coops/coop-figures';
import { DEFAULT_SPLIT, splitDay } from '../apps/sim/src/two-coops/coop-split';
import { PartnershipTerms, runTwoCoops, TwoCoopRunResult } from '../apps/sim/src/two-coops/run-two-coops';
import { gitCommit, machineInfo } from './quality/machine-info';
import { averageFigures, OverflowLine, overflowTable } from './quality/overflow-table';
import { isHalfSize, SHARED_MDRP_DIR, sharedInstanceNames } from './quality/shared-instances';

/**
 * npm run bench:overflow [-- --all] [--quick] [--instances 0o50,0r50] [--out dir]
 * Each half-size shared day (all 24 with --all) as one co-op and as two (apps/sim two-coops),
 * with the partnership off and on; writes bench/results/overflow.{json,md}.
 */
const argv = process.argv.slice(2);
const option = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
const prefixes = option('--instances')?.split(',') ?? [];
const days = sharedInstanceNames().filter((name) => (argv.includes('--all') || isHalfSize(name)) && (prefixes.length === 0 || prefixes.some((p) => name.startsWith(p))));
const solutionsDir = join(tmpdir(), 'overflow-solutions');

/** The MDRP's own rules (no capacity, every offer accepted), and rules closer to a bike co-op
 *  on the platform: two orders a courier, 10 % of offers declined, production's offer limit. */
const RULE_SETS = [
  { name: 'MDRP rules', declineRate: 0 },
  { name: 'capacity 2, 10 % declined, 5 offers', declineRate: 0.1, rules: { courierCapacity: 2 }, limits: { maxOffersPerOrder: 5 } },
];
interface Scenario {
  readonly name: string;
  readonly partnership?: PartnershipTerms;
  /** Experiment, not production's rule: also hand over orders this late after ready. */
  readonly overflowLateAfterMinutes?: number;
}
const SCENARIOS: readonly Scenario[] = [
  { name: 'two co-ops, partnership off' },
  { name: 'two co-ops, partnership on (overlap)', partnership: { shareOfPrice: 0.8, maxOrdersPerDay: Infinity, area: 'overlap' } },
  { name: 'two co-ops, partnership on (overlap, cap 5/day)', partnership: { shareOfPrice: 0.8, maxOrdersPerDay: 5, area: 'overlap' } },
  { name: 'two co-ops, partnership on (both areas)', partnership: { shareOfPrice: 0.8, maxOrdersPerDay: Infinity, area: 'everywhere' } },
  {
    name: 'experiment: on (overlap), also orders 10 min past ready',
    partnership: { shareOfPrice: 0.8, maxOrdersPerDay: Infinity, area: 'overlap' },
    overflowLateAfterMinutes: 10,
  },
  {
    name: 'experiment: on (both areas), also orders 10 min past ready',
    partnership: { shareOfPrice: 0.8, maxOrdersPerDay: Infinity, area: 'everywhere' },
    overflowLateAfterMinutes: 10,
  },
];
const ruleSets = argv.includes('--quick') ? RULE_SETS.slice(0, 1) : RULE_SETS;
const common = { policyName: 'rolling-horizon', fairnessWeight: DEFAULT_COOP_WEIGHTS.fairness, fairnessTarget: DEFAULT_COOP_WEIGHTS.fairnessTarget, seed: 0 };

interface DayRun {
  readonly instance: string;
  readonly rules: string;
  readonly scenario: string;
  readonly figures: readonly CoopFigures[];
  readonly feasible: boolean;
  readonly wallMs: number;
}

/** One co-op over the whole day, measured per half by the same split (what each half's
 *  orders and couriers got when they were one co-op). */
function oneCoop(instance: string, ruleSet: (typeof RULE_SETS)[number]): DayRun {
  const outFolder = join(solutionsDir, ruleSet.name.replace(/\W+/g, '-'), 'one-coop', instance);
  const result = runInstance({ ...common, ...ruleSet, instanceFolder: join(SHARED_MDRP_DIR, instance), outFolder });
  const day = splitDay(readMdrpInstance(join(SHARED_MDRP_DIR, instance)), DEFAULT_SPLIT);
  // One co-op's couriers serve both halves: a courier of one half carrying the other's order is not a crossing here.
  const figures = coopFigures(day, readSolution(outFolder), [], 0).map((f) => ({ ...f, crossedUnshared: 0 }));
  return { instance, rules: ruleSet.name, scenario: 'one co-op (today)', figures, feasible: result.feasibility.feasible, wallMs: result.timing.wallMs };
}

function twoCoops(instance: string, ruleSet: (typeof RULE_SETS)[number], scenario: Scenario): DayRun {
  const outFolder = join(solutionsDir, ruleSet.name.replace(/\W+/g, '-'), scenario.name.replace(/\W+/g, '-'), instance);
  const result: TwoCoopRunResult = runTwoCoops({ ...common, ...ruleSet, instanceFolder: join(SHARED_MDRP_DIR, instance), outFolder, partnership: scenario.partnership, overflowLateAfterMinutes: scenario.overflowLateAfterMinutes });
  if (result.figures.some((f) => f.crossedUnshared > 0)) throw new Error(`${instance} ${scenario.name}: an order crossed without being shared`);
  return { instance, rules: ruleSet.name, scenario: scenario.name, figures: result.figures, feasible: result.feasibility.feasible, wallMs: result.timing.wallMs };
}

const started = Date.now();
const runs: DayRun[] = [];
for (const ruleSet of ruleSets) {
  for (const instance of days) {
    const dayRuns = [oneCoop(instance, ruleSet), ...SCENARIOS.map((scenario) => twoCoops(instance, ruleSet, scenario))];
    runs.push(...dayRuns);
    const [, off, on] = dayRuns.map((run) => run.figures[2]);
    console.error(`${ruleSet.name} ${instance}: undelivered one ${dayRuns[0].figures[2].undelivered} | off ${off.undelivered} | on ${on.undelivered} (${on.overflowed} overflowed)`);
  }
}
const lines: OverflowLine[] = ruleSets.flatMap((ruleSet) =>
  ['one co-op (today)', ...SCENARIOS.map((s) => s.name)].map((scenario) => {
    const matching = runs.filter((run) => run.rules === ruleSet.name && run.scenario === scenario);
    return {
      rules: ruleSet.name,
      scenario,
      figures: averageFigures(matching.map((run) => run.figures)),
      feasible: matching.filter((run) => run.feasible).length / matching.length,
      wallMs: matching.reduce((sum, run) => sum + run.wallMs, 0) / matching.length,
    };
  }),
);

const command = `npm run bench:overflow${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
const report = {
  command,
  commit: gitCommit(),
  machine: machineInfo(),
  generatedAt: new Date().toISOString(),
  seconds: (Date.now() - started) / 1000,
  settings: { days, policy: common.policyName, fairnessWeight: common.fairnessWeight, fairnessTarget: common.fairnessTarget, seed: 0, split: DEFAULT_SPLIT, ruleSets, scenarios: SCENARIOS },
  averages: lines,
  runs,
};
const outDir = resolve(option('--out') ?? join(__dirname, 'results'));
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'overflow.json'), JSON.stringify(report, (_, value) => (value === Infinity ? 'none' : value), 2) + '\n');
const markdown = [
  '# Two co-ops: what overflow buys (seed 0)',
  '',
  `Command: \`${command}\` · commit \`${report.commit}\` · ${report.machine.cpuModel} (${report.machine.cores} cores), node ${report.machine.node} · ${days.length} days, ${report.seconds.toFixed(0)} s`,
  '',
  'Each day is split by east–west position (apps/sim/src/two-coops/coop-split.ts): the line between restaurants that leaves about half the orders on each side, ' +
    'restaurants and their orders to the co-op on their side, couriers to the co-op on the side where they start. ' +
    `Both co-op areas overlap in a band holding ${DEFAULT_SPLIT.overlapShare * 100} % of the pickups; the partnership's area is that overlap (the contract's default) or both areas. ` +
    'As production\'s dispatcher does (apps/dispatcher/src/dispatch/overflow): an order its co-op\'s policy returns as needs attention (no courier of its own could take it, or its offer limit was reached) ' +
    'is handed to the partner when its pickup and drop-off lie in the area, the partner carries fewer than the daily cap, and the partner\'s own policy has a courier for it (a trial on its snapshot); ' +
    'the partner then dispatches it with its weights, its offer count afresh; an order the partner cannot serve either is given back, flagged, and never handed over again. ' +
    'The partner earns 80 % of the price (4.50 + 1.20 per km, production\'s default pricing). ' +
    '"one co-op (today)" replays the whole day as one co-op and reports each half\'s orders and couriers by the same split. ' +
    'The two "experiment" rows are not what production does: they also hand over an order of the co-op still without a courier 10 minutes after its food is ready (same area, cap and partner trial). ' +
    'Averages over the days; CtD = click-to-door (min), over delivered orders; the Gini is of order earnings per shift-hour among the co-op\'s couriers.',
  '',
  overflowTable(lines),
  '',
  '## Per day (both co-ops together)',
  '',
  '| rules | day | scenario | delivered | CtD mean | overflowed |',
  '| --- | --- | --- | --- | --- | --- |',
  ...runs.map((run) => `| ${run.rules} | ${run.instance} | ${run.scenario} | ${run.figures[2].delivered}/${run.figures[2].orders} | ${run.figures[2].clickToDoorMean.toFixed(2)} | ${run.figures[2].overflowed} |`),
  '',
].join('\n');
writeFileSync(join(outDir, 'overflow.md'), markdown);
console.log(overflowTable(lines));
