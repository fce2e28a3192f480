/**
 * `npm run bench:nearest-couriers`: p50/p99 of the courier candidate queries near a pickup at
 * 1k, 10k and 100k couriers in one co-op, beside the bare Redis command with the same
 * parameters. Writes bench/results/nearest-couriers.json.
 *
 *   npm run bench:nearest-couriers -- --sizes 1000,10000,100000 --samples 400
 */
import 'reflect-metadata';
import { runNearestCouriers } from './scenarios/nearest-couriers';
import { cliOption, numberList, runMain } from './support/report';

runMain(() =>
  runNearestCouriers({
    sizes: numberList(cliOption('sizes')) ?? [1000, 10_000, 100_000],
    samples: Number(cliOption('samples') ?? 400),
    resultsFolder: cliOption('results'),
    command: ['npm run bench:nearest-couriers', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  }),
);
