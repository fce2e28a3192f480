/**
 * `npm run bench:order-to-offer`: from an order's 201 to the offer on a courier's socket, at
 * 50 orders/s over 20 co-ops with 2,000 couriers on shift and moving (issue 20, scenario 2),
 * beside the same latency in the quiet system; with each process's CPU and resident memory.
 * `npm run bench:memory` is the same for ten minutes (scenario 7), written to memory.json.
 *
 *   npm run bench:order-to-offer -- --cooperatives 20 --couriers 100 --rate 50 --seconds 60
 */
import 'reflect-metadata';
import { runOrderToOffer } from './scenarios/order-to-offer';
import { cliOption, runMain } from './support/report';

runMain(() =>
  runOrderToOffer({
    cooperatives: Number(cliOption('cooperatives') ?? 20),
    couriersPerCooperative: Number(cliOption('couriers') ?? 100),
    ordersPerSecond: Number(cliOption('rate') ?? 50),
    seconds: Number(cliOption('seconds') ?? 60),
    warmupSeconds: Number(cliOption('warmup') ?? 5),
    positionIntervalSeconds: Number(cliOption('position-interval') ?? 4),
    quietOrders: Number(cliOption('quiet-orders') ?? 20),
    rideSeconds: Number(cliOption('ride') ?? 30),
    memorySampleSeconds: Number(cliOption('memory-every') ?? 5),
    // --env KEY=VALUE,KEY=VALUE: settings of the processes, e.g. DISPATCH_CONCURRENCY=8
    processEnv: Object.fromEntries((cliOption('env') ?? '').split(',').filter(Boolean).map((pair) => pair.split('=') as [string, string])),
    name: cliOption('name'),
    resultsFolder: cliOption('results'),
    command: ['npm run bench:order-to-offer', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  }),
);
