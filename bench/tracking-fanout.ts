/**
 * `npm run bench:tracking`: courier positions through two gateway instances to the co-op's
 * dispatchers (per-courier events and batched frames), beside a bare socket.io relay with
 * the same Redis adapter. Writes bench/results/tracking-fanout.json.
 *
 *   npm run bench:tracking -- --couriers 10000 --interval 4 --dispatchers 50 --seconds 20
 *   npm run bench:tracking -- --couriers 2000 --dispatchers 10 --modes single
 */
import 'reflect-metadata';
import { PositionsMode, runTrackingFanout } from './scenarios/tracking-fanout';
import { cliOption, runMain } from './support/report';

runMain(() =>
  runTrackingFanout({
    couriers: Number(cliOption('couriers') ?? 10_000),
    intervalSeconds: Number(cliOption('interval') ?? 4),
    dispatchers: Number(cliOption('dispatchers') ?? 50),
    gateways: Number(cliOption('gateways') ?? 2),
    seconds: Number(cliOption('seconds') ?? 20),
    warmupSeconds: Number(cliOption('warmup') ?? 5),
    modes: (cliOption('modes') ?? 'single,batch').split(',') as PositionsMode[],
    resultsFolder: cliOption('results'),
    command: ['npm run bench:tracking', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  }),
);
