/**
 * `npm run bench:decision`: how long one dispatch decision takes for a big co-op (100, 300 and
 * 1,000 couriers on shift, 300 waiting orders) through the production path (`DispatchRun.run`
 * of a booted dispatcher app: snapshot, policy, offers), beside the policy alone on the same
 * snapshot. Writes bench/results/decision.json with the command, commit and machine.
 *
 *   npm run bench:decision -- --sizes 100,300,1000 --orders 300 --samples 30
 */
import 'reflect-metadata';
import { runDecision } from './scenarios/decision';
import { cliOption, numberList, runMain } from './support/report';

runMain(() =>
  runDecision({
    sizes: numberList(cliOption('sizes')) ?? [100, 300, 1000],
    orders: Number(cliOption('orders') ?? 300),
    samples: Number(cliOption('samples') ?? 30),
    warmup: Number(cliOption('warmup') ?? 2),
    fullMatchingSamples: Number(cliOption('full-matching-samples') ?? 3),
    resultsFolder: cliOption('results'),
    command: ['npm run bench:decision', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  }),
);
