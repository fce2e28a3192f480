import type { CoopFixture } from '@lib/testing';
import { Courier } from '../support/factories';
import { bootSystem, TestSystem } from '../support/system';
import { FixtureWriter, fixtureWriter, memberCourier } from './support/fixture-day';

jest.setTimeout(60_000);

/**
 * The fixture day is Tuesday 24 November 2026 in Europe/Paris (UTC+1): local midnight is
 * 23:00 UTC. Every expected figure below is worked out by hand from what the fixture writes.
 */
const DAY = { from: '2026-11-24', to: '2026-11-24' };

/** The Gini by its definition (mean absolute difference over twice the mean), not by the code's sort formula. */
function giniByHand(values: number[]): number {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  let differences = 0;
  for (const a of values) for (const b of values) differences += Math.abs(a - b);
  return differences / (2 * n * n * mean);
}

describe('members\' fairness report (GET /api/v1/reports/couriers)', () => {
  let system: TestSystem;
  let coop: CoopFixture;
  let other: CoopFixture;
  let fixture: FixtureWriter;
  let ana: string;
  let bea: Courier;
  let cyr: Courier;
  let idle: Courier;
  let outsider: string;

  const report = (session: { auth: Record<string, string> }, query: Record<string, string> = DAY) =>
    system.api.http.get('/api/v1/reports/couriers').query(query).set(session.auth);

  beforeAll(async () => {
    system = await bootSystem({ dispatchers: 0 });
    coop = await system.api.newCooperative();
    other = await system.api.newCooperative(undefined, { guaranteedHourlyPay: 300 });
    fixture = fixtureWriter(system, coop);
    ana = coop.courier.courierId;
    await fixture.backdate(ana);
    await fixture.rename(ana, 'Ana');
    bea = await memberCourier(system, coop, fixture);
    await fixture.rename(bea.courierId, 'Béa, "la rapide"');
    cyr = await memberCourier(system, coop, fixture);
    await fixture.rename(cyr.courierId, 'Cyr');
    idle = await memberCourier(system, coop, fixture);
    await fixture.rename(idle.courierId, 'Zoé');

    // Ana: a shift across local midnight (1 h of it on the 24th), then 10:00-14:00 UTC: 5 h on the day.
    await fixture.shift(ana, '2026-11-23T20:00:00Z', '2026-11-24T00:00:00Z');
    await fixture.shift(ana, '2026-11-24T10:00:00Z', '2026-11-24T14:00:00Z');
    await fixture.delivered(ana, '2026-11-24T11:00:00Z', 500, 1000);
    await fixture.delivered(ana, '2026-11-24T12:00:00Z', 600, 2000);
    await fixture.delivered(ana, '2026-11-24T13:00:00Z', 700, 3000);
    await fixture.delivered(ana, '2026-11-25T09:00:00Z', 900, 4000); // the next day
    await fixture.offer(ana, '2026-11-24T10:30:00Z', 'declined');
    await fixture.offer(ana, '2026-11-24T10:40:00Z', 'declined');
    await fixture.offer(ana, '2026-11-24T10:50:00Z', 'expired');
    await fixture.offer(ana, '2026-11-24T10:55:00Z', 'accepted');
    await fixture.offer(ana, '2026-11-23T21:00:00Z', 'declined'); // the day before (local 22:00 on the 23rd)

    // Béa: 11:00-13:00 UTC (2 h), one job.
    await fixture.shift(bea.courierId, '2026-11-24T11:00:00Z', '2026-11-24T13:00:00Z');
    await fixture.delivered(bea.courierId, '2026-11-24T12:30:00Z', 800, 1500);
    await fixture.offer(bea.courierId, '2026-11-24T11:10:00Z', 'expired');

    // Cyr: one hour on shift, no job.
    await fixture.shift(cyr.courierId, '2026-11-24T18:00:00Z', '2026-11-24T19:00:00Z');

    // The other co-op, same day: with its hourly guarantee of 3.00, 2 h on shift and one job of 5.00 pay 6.00.
    const otherFixture = fixtureWriter(system, other);
    outsider = other.courier.courierId;
    await otherFixture.backdate(outsider);
    await otherFixture.shift(outsider, '2026-11-24T10:00:00Z', '2026-11-24T12:00:00Z');
    await otherFixture.delivered(outsider, '2026-11-24T11:00:00Z', 500, 900);
    // And across a local midnight: 23:00-02:00 Paris time, 1 h on the 25th and 2 h on the 26th, one job of 10.00 on the 26th.
    await otherFixture.shift(outsider, '2026-11-25T22:00:00Z', '2026-11-26T01:00:00Z');
    await otherFixture.delivered(outsider, '2026-11-26T00:30:00Z', 1000, 2000);
  });
  afterAll(() => system.close());

  it('gives each member\'s figures for the day, worked out by hand, idle members with zeros', async () => {
    const body = (await report(coop.dispatcher).expect(200)).body;
    expect(body).toMatchObject({ from: '2026-11-23T23:00:00.000Z', to: '2026-11-24T23:00:00.000Z', timezone: 'Europe/Paris' });
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    expect(body.couriers).toEqual([
      { courierId: ana, name: 'Ana', jobs: 3, distanceMeters: 6000, shiftSeconds: 5 * 3600, earnings: eur(1800), orderEarnings: eur(1800), offersDeclined: 2, offersExpired: 1 },
      { courierId: bea.courierId, name: 'Béa, "la rapide"', jobs: 1, distanceMeters: 1500, shiftSeconds: 2 * 3600, earnings: eur(800), orderEarnings: eur(800), offersDeclined: 0, offersExpired: 1 },
      { courierId: cyr.courierId, name: 'Cyr', jobs: 0, distanceMeters: 0, shiftSeconds: 3600, earnings: eur(0), orderEarnings: eur(0), offersDeclined: 0, offersExpired: 0 },
      { courierId: idle.courierId, name: 'Zoé', jobs: 0, distanceMeters: 0, shiftSeconds: 0, earnings: eur(0), orderEarnings: eur(0), offersDeclined: 0, offersExpired: 0 },
    ]);
  });

  it('gives the Gini of jobs and earnings per shift-hour over the couriers who were on shift, as computed by hand', async () => {
    const { gini } = (await report(coop.admin).expect(200)).body;
    // Jobs per hour: Ana 3/5, Béa 1/2, Cyr 0 (Zoé had no shift). Earnings per hour: 360, 400, 0.
    expect(gini.jobsPerShiftHour).toBeCloseTo(giniByHand([0.6, 0.5, 0]), 10);
    expect(gini.jobsPerShiftHour).toBeCloseTo(4 / 11, 10); // 2.4 / (2 · 9 · 1.1/3)
    expect(gini.earningsPerShiftHour).toBeCloseTo(giniByHand([360, 400, 0]), 10);
    expect(gini.earningsPerShiftHour).toBeCloseTo(20 / 57, 10); // 1600 / (2 · 9 · 760/3)
  });

  it('covers a week with dates, the last day included', async () => {
    const body = (await report(coop.dispatcher, { from: '2026-11-23', to: '2026-11-29' }).expect(200)).body;
    const row = body.couriers.find((courier: { courierId: string }) => courier.courierId === ana);
    // 8 h on shift (the whole of the first shift now), 4 jobs, 3 declined offers.
    expect(row).toMatchObject({ jobs: 4, distanceMeters: 10_000, shiftSeconds: 8 * 3600, earnings: { amount: 2700 }, offersDeclined: 3, offersExpired: 1 });
  });

  it('pays the co-op\'s hourly guarantee per day, and never shows another co-op\'s couriers', async () => {
    const body = (await report(other.admin).expect(200)).body;
    expect(body.couriers).toEqual([
      expect.objectContaining({ courierId: outsider, jobs: 1, shiftSeconds: 7200, earnings: { amount: 600, currency: 'EUR' }, orderEarnings: { amount: 500, currency: 'EUR' } }),
    ]);
    const ours = (await report(coop.admin).expect(200)).body.couriers.map((courier: { courierId: string }) => courier.courierId);
    expect(ours).not.toContain(outsider);
  });

  it('settles the guarantee day by day: a night shift over midnight is two days of pay', async () => {
    const body = (await report(other.admin, { from: '2026-11-25', to: '2026-11-26' }).expect(200)).body;
    // 25th: no job, 1 h guaranteed: 3.00. 26th: 10.00 of jobs beats 2 h guaranteed (6.00). Over the
    // whole period at once the guarantee (9.00) would be below the jobs and pay only 10.00.
    expect(body.couriers[0]).toMatchObject({ jobs: 1, shiftSeconds: 3 * 3600, earnings: { amount: 1300 }, orderEarnings: { amount: 1000 } });
  });

  it('gives a courier its own row only, with the whole co-op\'s Gini', async () => {
    const all = (await report(coop.admin).expect(200)).body;
    const mine = (await report(bea).expect(200)).body;
    expect(mine.couriers).toEqual([all.couriers[1]]);
    expect(mine.gini).toEqual(all.gini);
  });

  it('refuses merchants (403) and anonymous callers (401)', async () => {
    await report(coop.merchantUser).expect(403);
    await system.api.http.get('/api/v1/reports/couriers').expect(401);
  });

  it('answers the same rows as CSV: a header, one quoted row per courier, the Gini in headers', async () => {
    const response = await report(coop.dispatcher).set('Accept', 'text/csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="couriers-2026-11-23-2026-11-24.csv"');
    expect(Number(response.headers['x-gini-earnings-per-shift-hour'])).toBeCloseTo(20 / 57, 10);
    const lines = response.text.split('\r\n');
    expect(lines).toEqual([
      'courierId,name,jobs,distanceMeters,shiftSeconds,earnings,orderEarnings,currency,offersDeclined,offersExpired',
      `${ana},Ana,3,6000,18000,1800,1800,EUR,2,1`,
      `${bea.courierId},"Béa, ""la rapide""",1,1500,7200,800,800,EUR,0,1`,
      `${cyr.courierId},Cyr,0,0,3600,0,0,EUR,0,0`,
      `${idle.courierId},Zoé,0,0,0,0,0,EUR,0,0`,
      '',
    ]);
  });

  it.each([
    [{ from: 'last tuesday' }, 'from'],
    [{ from: '2026-11-24', to: '2026-11-20' }, 'to'],
    [{ from: '2025-01-01', to: '2026-06-30' }, 'to'],
    [{ from: '2026-11-24T10:00:00' }, 'from'],
  ])('refuses %j with a problem naming the field', async (query, field) => {
    const response = await report(coop.dispatcher, query).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
  });

  it('defaults to today in the co-op\'s zone', async () => {
    const body = (await report(coop.dispatcher, {}).expect(200)).body;
    expect(new Date(body.to).getTime() - new Date(body.from).getTime()).toBeGreaterThanOrEqual(23 * 3600_000);
    expect(new Date(body.from).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(body.to).getTime()).toBeGreaterThan(Date.now());
  });
});
