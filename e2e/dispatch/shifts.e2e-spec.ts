import { Client } from 'pg';
import { DispatchStateRepository, Transactions } from '@lib/database';
import { expectedJobs } from '@lib/dispatch-policy';
import { orderBody, VALENCE } from '@lib/testing';
import { WorkOutlookSource } from '../../apps/dispatcher/src/dispatch/work-outlook-source';
import { courierAt, dispatchView, eastOf, moveCourier, placeOrder } from '../support/factories';
import { bootSystem, eventually, TestSystem } from '../support/system';

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** A time zone where it is now between 06:00 and 18:00, so "today" has hours behind it. */
function zoneInDaytime(): string {
  return Intl.supportedValuesOf('timeZone').find((zone) => {
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    return hour >= 6 && hour < 18;
  })!;
}

/** Planned shift ends, the shift log, and the work outlook dispatch learns from past days. */
describe('courier shifts', () => {
  let system: TestSystem;
  let owner: Client;

  beforeAll(async () => {
    system = await bootSystem();
    owner = new Client({ connectionString: system.databaseUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await system.close();
  });

  const shiftsOf = async (courierId: string) =>
    (await owner.query(`SELECT started_at, ended_at FROM courier_shifts WHERE courier_id = $1 ORDER BY started_at`, [courierId])).rows;

  it('takes a planned end with the shift, shows it, and logs every shift', async () => {
    const coop = await system.api.newCooperative(VALENCE);
    const until = inMinutes(120);
    const started = await system.api.http.put('/api/v1/couriers/me/shift').set(coop.courier.auth).send({ onShift: true, until }).expect(200);
    expect(started.body).toMatchObject({ onShift: true, shiftEndsAt: until });
    // Dispatchers see who is leaving when.
    const board = (await system.api.http.get('/api/v1/dispatch/board').set(coop.dispatcher.auth).expect(200)).body;
    expect(board.couriers.find((courier: { id: string }) => courier.id === coop.courier.courierId)).toMatchObject({ shiftEndsAt: until });

    // Staying longer keeps the shift (same start, one open row) and moves its end.
    const later = inMinutes(180);
    const extended = await system.api.http.put('/api/v1/couriers/me/shift').set(coop.courier.auth).send({ onShift: true, until: later }).expect(200);
    expect(extended.body).toMatchObject({ shiftStartedAt: started.body.shiftStartedAt, shiftEndsAt: later });
    expect(await shiftsOf(coop.courier.courierId)).toHaveLength(1);

    const ended = await system.api.http.put('/api/v1/couriers/me/shift').set(coop.courier.auth).send({ onShift: false }).expect(200);
    expect(ended.body).toMatchObject({ onShift: false, shiftStartedAt: null, shiftEndsAt: null });
    await system.api.http.put('/api/v1/couriers/me/shift').set(coop.courier.auth).send({ onShift: true }).expect(200);
    const shifts = await shiftsOf(coop.courier.courierId);
    expect(shifts).toHaveLength(2);
    expect(shifts[0].ended_at).toBeInstanceOf(Date);
    expect(shifts[1].ended_at).toBeNull();
  });

  it.each([
    ['in the past', { onShift: true, until: inMinutes(-5) }],
    ['more than 16 hours ahead', { onShift: true, until: inMinutes(17 * 60) }],
    ['not a date', { onShift: true, until: 'tonight' }],
    ['given while ending the shift', { onShift: false, until: inMinutes(60) }],
  ])('refuses a planned end %s and changes nothing', async (_case, body) => {
    const coop = await system.api.newCooperative(VALENCE);
    const response = await system.api.http.put('/api/v1/couriers/me/shift').set(coop.courier.auth).send(body).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain('until');
    const me = await system.api.http.get('/api/v1/couriers/me').set(coop.courier.auth).expect(200);
    expect(me.body).toMatchObject({ onShift: false, shiftEndsAt: null });
    expect(await shiftsOf(coop.courier.courierId)).toHaveLength(0);
  });

  it('offers nothing past a courier’s planned end, and offers again once it stays longer', async () => {
    const coop = await system.api.newCooperative(VALENCE);
    const view = dispatchView(system, coop);
    await courierAt(system, coop, coop.courier, eastOf(coop.merchant.location, 300));
    // The planned end has just passed (a PUT cannot set a past end, so the clock is moved instead).
    await owner.query(`UPDATE couriers SET shift_ends_at = now() - interval '1 minute' WHERE id = $1`, [coop.courier.courierId]);
    const order = await placeOrder(system.api, coop, orderBody(coop.center));
    await eventually('the order flagged for a dispatcher', async () => {
      const current = await view.orderOf(order.id);
      return current.needsAttention ? current : undefined;
    });
    expect(await view.openOfferOf(order.id)).toBeUndefined();

    await system.api.http.put('/api/v1/couriers/me/shift').set(coop.courier.auth).send({ onShift: true, until: inMinutes(90) }).expect(200);
    await moveCourier(system, coop, coop.courier.courierId, eastOf(coop.merchant.location, 300));
    expect((await view.nextOffer(order.id)).courierId).toBe(coop.courier.courierId);
  });

  it('counts every shift of the day in a courier’s time on shift', async () => {
    const coop = await system.api.newCooperative(VALENCE);
    await system.api.http.put('/api/v1/couriers/me/shift').set(coop.courier.auth).send({ onShift: true }).expect(200);
    // An hour at lunch, ended ten minutes ago, before this shift.
    await owner.query(
      `INSERT INTO courier_shifts (cooperative_id, courier_id, started_at, ended_at) VALUES ($1, $2, now() - interval '70 minutes', now() - interval '10 minutes')`,
      [coop.cooperative.id, coop.courier.courierId],
    );
    const dispatcher = system.dispatchers[0].app;
    const rows = await dispatcher.get(Transactions).inTenant(coop.cooperative.id, () => dispatcher.get(DispatchStateRepository).couriersOnShift(zoneInDaytime()));
    const mine = rows.find((row) => row.id === coop.courier.courierId)!;
    expect(mine.onShiftMinutesToday).toBeGreaterThanOrEqual(60);
    expect(mine.onShiftMinutesToday).toBeLessThan(62);
  });

  it('learns jobs per courier-hour by half hour from the co-op’s past days', async () => {
    const coop = await system.api.newCooperative(VALENCE);
    const other = await system.api.newCooperative(VALENCE);
    const zone = 'Europe/Paris';
    const pastEvening = (daysAgo: number, time: string) => `((now() AT TIME ZONE '${zone}')::date - ${daysAgo} + time '${time}') AT TIME ZONE '${zone}'`;
    // A week of evening shifts, 18:00 to 21:00: 21 courier-hours, 3.5 in each half hour.
    for (let day = 1; day <= 7; day += 1) {
      await owner.query(
        `INSERT INTO courier_shifts (cooperative_id, courier_id, started_at, ended_at) VALUES ($1, $2, ${pastEvening(day, '18:00')}, ${pastEvening(day, '21:00')})`,
        [coop.cooperative.id, coop.courier.courierId],
      );
    }
    // Six orders delivered, their food ready yesterday at 19:10; and another co-op's busy day, which must not count.
    for (const fixture of [coop, coop, coop, coop, coop, coop, other, other]) {
      const order = await placeOrder(system.api, fixture, orderBody(fixture.center));
      await owner.query(
        `UPDATE orders SET status = 'delivered', courier_id = $2, created_at = ${pastEvening(1, '18:50')}, ready_at = ${pastEvening(1, '19:10')} WHERE id = $1`,
        [order.id, fixture.courier.courierId],
      );
    }

    const dispatcher = system.dispatchers[0].app;
    // A source of its own: the running dispatcher learnt (and keeps for a while) these co-ops' outlooks before the history was written.
    const source = new WorkOutlookSource(dispatcher.get(DispatchStateRepository));
    const learn = (cooperativeId: string) => dispatcher.get(Transactions).inTenant(cooperativeId, () => source.forCooperative(cooperativeId, zone, new Date()));
    const outlook = (await learn(coop.cooperative.id))!;
    const [{ midnight }] = (await owner.query(`SELECT date_trunc('day', now() AT TIME ZONE '${zone}') AT TIME ZONE '${zone}' AS midnight`)).rows;
    expect(outlook.startsAt).toBe(midnight.getTime() / 60_000);
    expect(outlook.slotMinutes).toBe(30);
    expect(outlook.jobsPerCourierHour).toHaveLength(96);
    expect(outlook.jobsPerCourierHour[38]).toBeCloseTo(6 / 3.5); // 19:00–19:30
    expect(outlook.jobsPerCourierHour[36]).toBe(0); // 18:00–18:30: couriers, no jobs
    expect(outlook.jobsPerCourierHour[10]).toBeCloseTo(6 / 21); // 05:00: never worked, the overall rate
    expect(outlook.jobsPerCourierHour[48 + 38]).toBeCloseTo(6 / 3.5); // tomorrow looks like today
    // An evening shift today from 19:00 to 20:00 expects the 19:00–19:30 slot's jobs.
    expect(expectedJobs(outlook, outlook.startsAt + 19 * 60, outlook.startsAt + 20 * 60)).toBeCloseTo(3 / 3.5);

    // The other co-op has deliveries but no shift history: too little to learn from.
    expect(await learn(other.cooperative.id)).toBeUndefined();
  });

  it('learns from the same weekday as today when those days hold enough history', async () => {
    const coop = await system.api.newCooperative(VALENCE);
    const zone = 'Europe/Paris';
    const at = (daysAgo: number, time: string) => `((now() AT TIME ZONE '${zone}')::date - ${daysAgo} + time '${time}') AT TIME ZONE '${zone}'`;
    const shift = (daysAgo: number, from: string, to: string) =>
      owner.query(`INSERT INTO courier_shifts (cooperative_id, courier_id, started_at, ended_at) VALUES ($1, $2, ${at(daysAgo, from)}, ${at(daysAgo, to)})`, [
        coop.cooperative.id,
        coop.courier.courierId,
      ]);
    const delivered = async (daysAgo: number, ready: string) => {
      const order = await placeOrder(system.api, coop, orderBody(coop.center));
      await owner.query(`UPDATE orders SET status = 'delivered', courier_id = $2, created_at = ${at(daysAgo, ready)} - interval '20 minutes', ready_at = ${at(daysAgo, ready)} WHERE id = $1`, [
        order.id,
        coop.courier.courierId,
      ]);
    };
    // Today's weekday, four times: 12:00 to 18:00, 24 courier-hours, 2 in each half hour; eight lunches ready at 12:10.
    for (const daysAgo of [7, 14, 21, 28]) await shift(daysAgo, '12:00', '18:00');
    for (let i = 0; i < 8; i += 1) await delivered(14, '12:10');
    // Other weekdays, as many shifts and lunches (ready at 12:40): they must not count.
    for (const daysAgo of [1, 2, 3, 4]) await shift(daysAgo, '12:00', '18:00');
    for (let i = 0; i < 8; i += 1) await delivered(1, '12:40');

    const dispatcher = system.dispatchers[0].app;
    const source = new WorkOutlookSource(dispatcher.get(DispatchStateRepository));
    const outlook = (await dispatcher.get(Transactions).inTenant(coop.cooperative.id, () => source.forCooperative(coop.cooperative.id, zone, new Date())))!;
    expect(outlook.jobsPerCourierHour[24]).toBeCloseTo(8 / 2); // 12:00–12:30 on this weekday
    expect(outlook.jobsPerCourierHour[25]).toBe(0);
  });
});
