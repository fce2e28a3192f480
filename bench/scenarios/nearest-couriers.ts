import { randomBytes, randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { CourierPositions } from '@lib/positions';
import { redisKey } from '@lib/queues';
import { VALENCE } from '@lib/testing';
import { percentiles, Percentiles, round2 } from '../support/latency';
import { resultHeader, table, writeResult } from '../support/report';

export interface NearestOptions {
  /** Couriers on shift in the one co-op, one size after the other. */
  sizes: number[];
  samples: number;
  resultsFolder?: string;
  command?: string;
}

/** Straight-line search radius, result limit and freshness: CourierPositions.nearest's defaults. */
const RADIUS_METERS = 5000;
const LIMIT = 10;
const MAX_AGE_SECONDS = 120;
/** Couriers spread uniformly over ±0.1° around Valence (about 22 × 16 km), pickups in the middle ±0.03°. */
const SPREAD_DEG = 0.1;
const PICKUP_SPREAD_DEG = 0.03;

export interface NearestSize {
  couriers: number;
  /** Couriers within the radius of a pickup, on average over the sampled pickups. */
  withinRadius: number;
  /** CourierPositions.nearest (the GEOSEARCH script with the freshness filter) against a bare GEOSEARCH … COUNT. */
  nearest: { ms: Percentiles; baselineMs: Percentiles; ratioP50: number; ratioP99: number };
  /** CourierPositions.all: what DispatchRun reads for a decision today, against a bare HGETALL of the same hash. */
  allFresh: { ms: Percentiles; baselineMs: Percentiles; ratioP50: number; ratioP99: number };
}

export const NEAREST_TARGET = { couriers: 100_000, p99Ms: 2 };

/**
 * The candidate query near a pickup at 1k, 10k and 100k couriers on shift in one co-op, on a
 * real Redis, one query at a time (p50/p99 of single-query latency): the production query
 * (`CourierPositions.nearest`, the "one home of the nearest-courier query") and the read
 * `DispatchRun` actually makes for a decision (`CourierPositions.all`), each beside the bare
 * Redis command with the same parameters, alternating so both see the same machine.
 */
export async function runNearestCouriers(options: NearestOptions) {
  const config = AppConfig.fromEnvironment({
    DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `bdbench:${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'silent',
  });
  const redis = new Redis(config.env.REDIS_URL);
  const positions = new CourierPositions(redis, config);
  const sizes: NearestSize[] = [];
  try {
    for (const couriers of options.sizes) {
      const cooperativeId = randomUUID();
      const base = redisKey(config, 'pos', `{${cooperativeId}}`);
      await seed(positions, cooperativeId, couriers);
      const pickups = Array.from({ length: 64 }, (_, i) => pickupNear(i));
      let next = 0;
      const pickup = () => pickups[next++ % pickups.length];
      const within = await Promise.all(
        pickups.slice(0, 16).map(async (point) => ((await redis.geosearch(`${base}:geo`, 'FROMLONLAT', point.lng, point.lat, 'BYRADIUS', RADIUS_METERS, 'm', 'COUNT', 1_000_000)) as string[]).length),
      );
      const bareNearest = () => {
        const point = pickup();
        return redis.geosearch(`${base}:geo`, 'FROMLONLAT', point.lng, point.lat, 'BYRADIUS', RADIUS_METERS, 'm', 'ASC', 'COUNT', LIMIT, 'WITHDIST');
      };
      const nearest = () => positions.nearest(cooperativeId, pickup(), { limit: LIMIT, radiusMeters: RADIUS_METERS, maxAgeSeconds: MAX_AGE_SECONDS });
      const samples = options.samples;
      const allSamples = Math.max(5, Math.ceil(samples / Math.max(1, couriers / 1000)));
      const [nearestMs, bareNearestMs] = await alternate(samples, nearest, bareNearest);
      const [allMs, bareAllMs] = await alternate(
        allSamples,
        () => positions.all(cooperativeId, MAX_AGE_SECONDS),
        async () => Object.entries(await redis.hgetall(`${base}:fix`)).map(([id, json]) => ({ id, ...JSON.parse(json) })),
      );
      sizes.push({
        couriers,
        withinRadius: Math.round(within.reduce((sum, n) => sum + n, 0) / within.length),
        nearest: { ms: nearestMs, baselineMs: bareNearestMs, ratioP50: round2(nearestMs.p50 / bareNearestMs.p50), ratioP99: round2(nearestMs.p99 / bareNearestMs.p99) },
        allFresh: { ms: allMs, baselineMs: bareAllMs, ratioP50: round2(allMs.p50 / bareAllMs.p50), ratioP99: round2(allMs.p99 / bareAllMs.p99) },
      });
      await redis.del(`${base}:geo`, `${base}:seen`, `${base}:fix`);
    }
    const result = {
      ...resultHeader('nearest-couriers', options.command ?? 'npm run bench:nearest-couriers'),
      workload: {
        radiusMeters: RADIUS_METERS,
        limit: LIMIT,
        maxAgeSeconds: MAX_AGE_SECONDS,
        area: `couriers uniform over ±${SPREAD_DEG}° around Valence, all fresh; pickups uniform over ±${PICKUP_SPREAD_DEG}°`,
        samples: options.samples,
        nearestBaseline: 'GEOSEARCH FROMLONLAT … BYRADIUS 5000 m ASC COUNT 10 WITHDIST',
        allFreshBaseline: 'HGETALL of the fix hash, JSON parsed',
        note: 'DispatchRun reads CourierPositions.all (every fresh courier of the co-op), not nearest: both are measured',
      },
      target: NEAREST_TARGET,
      sizes,
    };
    const path = writeResult('nearest-couriers', result, options.resultsFolder);
    console.log(
      table(
        ['couriers', 'in radius', 'nearest p50', 'p99', 'bare GEOSEARCH p50', 'p99', 'ratio p99', 'all() p50', 'p99', 'bare HGETALL p99', 'ratio p99', `target p99 < ${NEAREST_TARGET.p99Ms} ms @100k`],
        sizes.map((size) => [
          size.couriers, size.withinRadius, size.nearest.ms.p50, size.nearest.ms.p99, size.nearest.baselineMs.p50, size.nearest.baselineMs.p99, size.nearest.ratioP99,
          size.allFresh.ms.p50, size.allFresh.ms.p99, size.allFresh.baselineMs.p99, size.allFresh.ratioP99,
          size.couriers === NEAREST_TARGET.couriers ? (size.nearest.ms.p99 < NEAREST_TARGET.p99Ms ? 'nearest: met' : 'nearest: not met') : '',
        ]),
      ),
    );
    console.log(`written to ${path}`);
    return result;
  } finally {
    redis.disconnect();
  }
}

/** Fresh fixes for `count` couriers, written through the production script, 500 in flight at a time. */
async function seed(positions: CourierPositions, cooperativeId: string, count: number): Promise<void> {
  const at = new Date();
  for (let start = 0; start < count; start += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, count - start) }, (_, i) => {
        const n = start + i;
        return positions.record(cooperativeId, `courier-${n}`, {
          lat: VALENCE.lat + (halton(n + 1, 2) * 2 - 1) * SPREAD_DEG,
          lng: VALENCE.lng + (halton(n + 1, 3) * 2 - 1) * SPREAD_DEG,
          at,
          accuracy: 10,
          heading: null,
          speed: null,
        });
      }),
    );
  }
}

const pickupNear = (i: number) => ({ lat: VALENCE.lat + (halton(i + 1, 5) * 2 - 1) * PICKUP_SPREAD_DEG, lng: VALENCE.lng + (halton(i + 1, 7) * 2 - 1) * PICKUP_SPREAD_DEG });

/** A low-discrepancy sequence: an even, reproducible spread without a random generator. */
function halton(index: number, base: number): number {
  let result = 0;
  let fraction = 1 / base;
  for (let i = index; i > 0; i = Math.floor(i / base)) {
    result += fraction * (i % base);
    fraction /= base;
  }
  return result;
}

/** Times two operations in alternation, so machine noise falls on both alike. */
async function alternate(samples: number, first: () => Promise<unknown>, second: () => Promise<unknown>): Promise<[Percentiles, Percentiles]> {
  for (let i = 0; i < 3; i += 1) await Promise.all([first(), second()]);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    a.push(...(await time(first)));
    b.push(...(await time(second)));
  }
  return [percentiles(a), percentiles(b)];
}

async function time(operation: () => Promise<unknown>): Promise<number[]> {
  const started = process.hrtime.bigint();
  await operation();
  return [Number(process.hrtime.bigint() - started) / 1e6];
}
