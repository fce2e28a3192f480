/**
 * `npm run bench:board`: how fast the dispatch board answers for a busy co-op (100, 1,000 and
 * 5,000 active orders, 300 couriers on shift with live positions), through the real API app
 * on a real PostgreSQL and Redis, beside the plain reads of the same data. Writes
 * bench/results/board.json with the command, commit and machine.
 *
 *   npm run bench:board -- --sizes 100,1000,5000 --couriers 300 --samples 40
 */
import 'reflect-metadata';
import { runBoard } from './scenarios/board';
import { cliOption, numberList, runMain } from './support/report';

runMain(() =>
  runBoard({
    sizes: numberList(cliOption('sizes')) ?? [100, 1000, 5000],
    couriers: Number(cliOption('couriers') ?? 300),
    samples: Number(cliOption('samples') ?? 40),
    resultsFolder: cliOption('results'),
    command: ['npm run bench:board', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  }),
);
