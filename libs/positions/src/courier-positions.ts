import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import type { LatLng } from '@lib/geo';
import { REDIS, redisKey } from '@lib/queues';
import { allFixesScript, nearestFixesScript, recordFixScript } from './live-position-scripts';
import type { LivePosition, NearbyCourier, PositionFix } from './position-fix';

export interface NearestOptions {
  /** At most this many couriers (default 10). */
  limit?: number;
  /** Only couriers whose latest fix is at most this old (default 120 s). */
  maxAgeSeconds?: number;
  /** Only couriers within this straight-line distance (default 5 km). */
  radiusMeters?: number;
  /** The clock of the caller (the dispatch policy passes its own); default: now. */
  now?: Date;
}

/** A courier not heard of for this long leaves the live store altogether. */
export const FORGET_AFTER_SECONDS = 3600;

interface StoredFix {
  lat: number;
  lng: number;
  at: number;
  accuracy: number | null;
  heading: number | null;
  speed: number | null;
}

/**
 * The latest position of every courier on shift, per cooperative, in Redis: what dispatch
 * searches and what dispatchers see first. The one home of the nearest-courier query.
 * Several processes write and read it; every operation is one atomic script or command.
 */
@Injectable()
export class CourierPositions {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /**
   * Keeps `fix` as the courier's latest position unless a newer one is already stored
   * (fixes may arrive out of order: an offline batch after a live one). Returns whether
   * it is now the latest.
   */
  async record(cooperativeId: string, courierId: string, fix: PositionFix): Promise<boolean> {
    const stored: StoredFix = { lat: fix.lat, lng: fix.lng, at: fix.at.getTime(), accuracy: fix.accuracy, heading: fix.heading, speed: fix.speed };
    const result = await recordFixScript.run(this.redis, this.keys(cooperativeId), [
      courierId,
      fix.lng,
      fix.lat,
      stored.at,
      JSON.stringify(stored),
      FORGET_AFTER_SECONDS * 24,
    ]);
    return result === 1;
  }

  /** The courier's latest position, or null when none was recorded within FORGET_AFTER_SECONDS. */
  async get(cooperativeId: string, courierId: string, now: Date = new Date()): Promise<LivePosition | null> {
    const stored = await this.redis.hget(this.keys(cooperativeId)[2], courierId);
    if (!stored) return null;
    const position = toLivePosition(courierId, stored);
    return position.at.getTime() >= now.getTime() - FORGET_AFTER_SECONDS * 1000 ? position : null;
  }

  /** Every courier of the cooperative with a fix at most `maxAgeSeconds` old. */
  async all(cooperativeId: string, maxAgeSeconds: number, now: Date = new Date()): Promise<LivePosition[]> {
    const flat = (await allFixesScript.run(this.redis, this.keys(cooperativeId), [
      now.getTime() - maxAgeSeconds * 1000,
      now.getTime() - FORGET_AFTER_SECONDS * 1000,
    ])) as string[];
    const positions: LivePosition[] = [];
    for (let i = 0; i < flat.length; i += 2) positions.push(toLivePosition(flat[i], flat[i + 1]));
    return positions;
  }

  /** The cooperative's couriers with a fresh fix near `point`, nearest first. */
  async nearest(cooperativeId: string, point: LatLng, options: NearestOptions = {}): Promise<NearbyCourier[]> {
    const { limit = 10, maxAgeSeconds = 120, radiusMeters = 5000, now = new Date() } = options;
    const flat = (await nearestFixesScript.run(this.redis, this.keys(cooperativeId), [
      point.lng,
      point.lat,
      radiusMeters,
      limit,
      now.getTime() - maxAgeSeconds * 1000,
      now.getTime() - FORGET_AFTER_SECONDS * 1000,
    ])) as string[];
    const couriers: NearbyCourier[] = [];
    for (let i = 0; i < flat.length; i += 3) {
      couriers.push({ ...toLivePosition(flat[i], flat[i + 2]), distanceMeters: Number(flat[i + 1]) });
    }
    return couriers;
  }

  /** Removes the courier from the live store (its shift ended). */
  async forget(cooperativeId: string, courierId: string): Promise<void> {
    const [geo, seen, fix] = this.keys(cooperativeId);
    await this.redis.multi().zrem(geo, courierId).zrem(seen, courierId).hdel(fix, courierId).exec();
  }

  /** The braces are a Redis Cluster hash tag: the three keys of a cooperative share a slot, as scripts require. */
  private keys(cooperativeId: string): [geo: string, seen: string, fix: string] {
    const base = redisKey(this.config, 'pos', `{${cooperativeId}}`);
    return [`${base}:geo`, `${base}:seen`, `${base}:fix`];
  }
}

function toLivePosition(courierId: string, json: string): LivePosition {
  const stored = JSON.parse(json) as StoredFix;
  return { courierId, ...stored, at: new Date(stored.at) };
}
