import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@lib/config';
import { CourierPositions, PositionsModule } from '@lib/positions';
import { RedisModule } from '@lib/queues';
import { testConfig, VALENCE } from '@lib/testing';

/** The live store as the dispatcher uses it: only Redis, no database. */
describe('CourierPositions (Redis)', () => {
  let context: INestApplicationContext;
  let positions: CourierPositions;
  const coop = randomUUID();
  const now = new Date('2026-11-22T12:00:00Z');
  const fix = (metersNorth: number, secondsAgo: number) => ({
    lat: VALENCE.lat + metersNorth / 111_320,
    lng: VALENCE.lng,
    at: new Date(now.getTime() - secondsAgo * 1000),
    accuracy: 5,
    heading: null,
    speed: null,
  });

  beforeAll(async () => {
    const config = testConfig('postgres://unused@127.0.0.1:5432/unused');
    @Module({ imports: [ConfigModule.forRoot(config), RedisModule, PositionsModule] })
    class StoreOnly {}
    context = await NestFactory.createApplicationContext(StoreOnly, { logger: false });
    positions = context.get(CourierPositions);
  });
  afterAll(() => context.close());

  it('finds the nearest fresh couriers within the radius, nearest first, up to the limit', async () => {
    const [near, middle, far, stale, outside] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await positions.record(coop, far, fix(900, 5));
    await positions.record(coop, near, fix(100, 5));
    await positions.record(coop, stale, fix(50, 600));
    await positions.record(coop, middle, fix(400, 5));
    await positions.record(coop, outside, fix(20_000, 5));

    const found = await positions.nearest(coop, VALENCE, { limit: 2, maxAgeSeconds: 120, radiusMeters: 5000, now });
    expect(found.map((courier) => courier.courierId)).toEqual([near, middle]);
    expect(found[0].distanceMeters).toBeGreaterThan(90);
    expect(found[0].distanceMeters).toBeLessThan(110);
    expect(found[0]).toMatchObject({ accuracy: 5, at: fix(100, 5).at });

    const all = await positions.nearest(coop, VALENCE, { limit: 10, maxAgeSeconds: 120, radiusMeters: 5000, now });
    expect(all.map((courier) => courier.courierId)).toEqual([near, middle, far]);
    expect((await positions.all(coop, 120, now)).map((p) => p.courierId).sort()).toEqual([near, middle, far, outside].sort());
    expect(await positions.nearest(randomUUID(), VALENCE, { now })).toEqual([]);
  });

  it('keeps the newest fix when an older one arrives later, and forgets on request', async () => {
    const courier = randomUUID();
    expect(await positions.record(coop, courier, fix(300, 10))).toBe(true);
    expect(await positions.record(coop, courier, fix(100, 20))).toBe(false);
    expect(await positions.get(coop, courier, now)).toMatchObject({ courierId: courier, lat: fix(300, 10).lat });
    await positions.forget(coop, courier);
    expect(await positions.get(coop, courier, now)).toBeNull();
    expect((await positions.nearest(coop, VALENCE, { radiusMeters: 400, now })).map((p) => p.courierId)).not.toContain(courier);
  });

  it('drops couriers not heard of for an hour from the store altogether', async () => {
    const gone = randomUUID();
    await positions.record(coop, gone, fix(10, 2 * 3600));
    expect(await positions.get(coop, gone, now)).toBeNull();
    await positions.all(coop, 24 * 3600, now);
    expect((await positions.all(coop, 24 * 3600, now)).map((p) => p.courierId)).not.toContain(gone);
  });
});
