import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { JobQueues, maintenanceRequests, queues } from '@lib/queues';
import type { CoopFixture } from '@lib/testing';
import { eventually } from '../support/eventually';
import { bootSystem, TestSystem } from '../support/system';
import { fixtureWriter, memberCourier } from './support/fixture-day';

jest.setTimeout(90_000);

const daysAgo = (days: number, plusSeconds = 0) => new Date(Date.now() - days * 86_400_000 + plusSeconds * 1000).toISOString();

describe('couriers own their data', () => {
  let system: TestSystem;
  let coop: CoopFixture;
  let other: CoopFixture;

  beforeAll(async () => {
    system = await bootSystem({ dispatchers: 1 });
    coop = await system.api.newCooperative();
    other = await system.api.newCooperative();
  });
  afterAll(() => system.close());

  describe('GET /api/v1/couriers/me/data', () => {
    it('downloads everything stored about the courier, the whole position history included, and nothing of others', async () => {
      const fixture = fixtureWriter(system, coop);
      const me = coop.courier;
      await fixture.shift(me.courierId, '2026-11-24T10:00:00Z', '2026-11-24T14:00:00Z');
      const orderId = await fixture.delivered(me.courierId, '2026-11-24T11:00:00Z', 500, 1000);
      await fixture.offer(me.courierId, '2026-11-24T10:30:00Z', 'declined');
      // More points than one page of the stream (5,000), one a second.
      const times = Array.from({ length: 12_345 }, (_, i) => new Date(Date.parse('2026-11-24T10:00:00Z') + i * 1000).toISOString());
      await fixture.positions(me.courierId, times);
      const colleague = await memberCourier(system, coop, fixture);
      await fixture.positions(colleague.courierId, ['2026-11-24T10:00:00.500Z']);

      const response = await system.api.http.get('/api/v1/couriers/me/data').set(me.auth).expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['content-disposition']).toBe(`attachment; filename="courier-data-${me.courierId}.json"`);
      const data = JSON.parse(response.text);
      expect(data.profile).toMatchObject({ courierId: me.courierId, user: { id: me.user.id, role: 'courier' }, cooperative: { id: coop.cooperative.id } });
      expect(data.profile.user.email).toMatch(/@test\.example$/);
      const shifts = data.shifts.map((shift: { startedAt: string; endedAt: string }) => [shift.startedAt, shift.endedAt].map((at) => new Date(at).toISOString()));
      expect(shifts).toEqual([['2026-11-24T10:00:00.000Z', '2026-11-24T14:00:00.000Z']]);
      expect(data.jobs).toEqual([expect.objectContaining({ orderId, status: 'delivered', price: { amount: 500, currency: 'EUR' }, distanceMeters: 1000 })]);
      expect(data.jobs[0].events.map((event: { status: string }) => event.status)).toContain('delivered');
      // A customer's contact and delivery PIN are the customer's, not the courier's.
      expect(JSON.stringify(data.jobs)).not.toMatch(/\+33600000000|deliveryPin|delivery_pin/);
      expect(data.offers).toEqual([expect.objectContaining({ orderId: expect.any(String), status: 'declined' })]);
      expect(data.positions).toHaveLength(times.length);
      expect(data.positions[0]).toMatchObject({ at: times[0], lat: expect.any(Number), lng: expect.any(Number) });
      expect(data.positions.map((point: { at: string }) => point.at)).toEqual(times);
    });

    it('is the courier\'s own only: other roles are refused', async () => {
      await system.api.http.get('/api/v1/couriers/me/data').set(coop.dispatcher.auth).expect(403);
      await system.api.http.get('/api/v1/couriers/me/data').set(coop.admin.auth).expect(403);
      await system.api.http.get('/api/v1/couriers/me/data').expect(401);
    });
  });

  describe('position-history retention (settings.positionRetentionDays, the dispatcher\'s periodic job)', () => {
    it('is 30 days unless the co-op sets it, within 1..3650', async () => {
      const shown = (await system.api.http.get(`/api/v1/cooperatives/${other.cooperative.id}`).set(other.admin.auth).expect(200)).body;
      expect(shown.settings.positionRetentionDays).toBe(30);
      for (const days of [0, 3651, 2.5]) {
        const refused = await system.api.http.patch(`/api/v1/cooperatives/${coop.cooperative.id}`).set(coop.admin.auth).send({ settings: { positionRetentionDays: days } }).expect(400);
        expect(refused.body.errors[0].field).toMatch(/positionRetentionDays/);
      }
    });

    it('deletes history older than each co-op\'s own setting and keeps the rest', async () => {
      const updated = await system.api.http.patch(`/api/v1/cooperatives/${coop.cooperative.id}`).set(coop.admin.auth).send({ settings: { positionRetentionDays: 7 } }).expect(200);
      expect(updated.body.settings.positionRetentionDays).toBe(7);
      const ours = await memberCourier(system, coop, fixtureWriter(system, coop));
      const theirs = other.courier.courierId;
      const ages = [3, 6.9, 7.1, 10, 40];
      await fixtureWriter(system, coop).positions(ours.courierId, ages.map((days) => daysAgo(days)));
      await fixtureWriter(system, other).positions(theirs, ages.map((days) => daysAgo(days)));

      const queues = system.dispatchers[0].app.get(JobQueues, { strict: false });
      await queues.add(maintenanceRequests.pruneLocationHistory(Date.now(), new Date()));

      const keptDays = async (courierId: string) =>
        (await system.sql<{ days: number }>(`SELECT extract(epoch FROM now() - recorded_at) / 86400 AS days FROM courier_locations WHERE courier_id = $1 ORDER BY recorded_at DESC`, [courierId]))
          .map((row) => Math.round(Number(row.days) * 10) / 10);
      // Co-op A keeps 7 days; co-op B the default 30.
      expect(await eventually('the retention job', async () => ((await keptDays(ours.courierId)).length === 2 ? true : undefined))).toBe(true);
      expect(await keptDays(ours.courierId)).toEqual([3, 6.9]);
      expect(await eventually('the other co-op pruned', async () => ((await keptDays(theirs)).length === 4 ? true : undefined))).toBe(true);
      expect(await keptDays(theirs)).toEqual([3, 6.9, 7.1, 10]);
    });

    it('is asked for by each dispatcher as it starts (then hourly), as one job per hour', async () => {
      const maintenance = system.dispatchers[0].app.get<Queue>(getQueueToken(queues.maintenance.name), { strict: false });
      const hour = Math.floor(Date.now() / 3600_000);
      const job = await eventually('the start-up retention job', async () =>
        (await maintenance.getJob(`prune-location-history-${hour}`)) ?? (await maintenance.getJob(`prune-location-history-${hour - 1}`)),
      );
      expect(job.name).toBe('prune-location-history');
    });

    it('deletes in batches until nothing past the cut-off is left', async () => {
      const fixture = fixtureWriter(system, other);
      const busy = await memberCourier(system, other, fixture);
      // More old points than one delete batch (5,000).
      const old = Array.from({ length: 12_000 }, (_, i) => daysAgo(45, i));
      await fixture.positions(busy.courierId, [...old, daysAgo(1)]);
      const queues = system.dispatchers[0].app.get(JobQueues, { strict: false });
      await queues.add(maintenanceRequests.pruneLocationHistory(Date.now() + 1, new Date()));
      await eventually('every old point deleted', async () => {
        const [row] = await system.sql<{ count: number }>(`SELECT count(*)::int AS count FROM courier_locations WHERE courier_id = $1`, [busy.courierId]);
        return row.count === 1;
      });
    });
  });
});
