import { CourierPositions } from '@lib/positions';
import type { CoopFixture, Session } from '@lib/testing';
import type { CourierPositionsEvent } from '@lib/wire';
import { near, newCourier, startShift } from '../support/factories';
import { closeAllSockets, connected, nextEvent, openSocket } from './support/sockets';
import { bootSystem, TestSystem } from '../support/system';

jest.setTimeout(30_000);

/** `POST /api/v1/couriers/me/locations`: what a phone buffered while it had no network. */
describe('offline batches of courier positions', () => {
  let harness: TestSystem;
  let coop: CoopFixture;
  let positions: CourierPositions;

  beforeAll(async () => {
    harness = await bootSystem({ dispatchers: 0, tracking: 1 });
    coop = await harness.api.newCooperative();
    positions = harness.gateways[0].app.get(CourierPositions);
  });
  afterEach(() => closeAllSockets());
  afterAll(() => harness.close());

  const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
  const post = (courier: Session, points: unknown[]) => harness.api.http.post('/api/v1/couriers/me/locations').set(courier.auth).send({ points });
  const historyOf = (courierId: string) =>
    harness.sql<{ lat: number; recorded_at: Date }>(
      `SELECT ST_Y(location::geometry) AS lat, recorded_at FROM courier_locations WHERE courier_id = $1 ORDER BY recorded_at`,
      [courierId],
    );

  /** A courier whose shift began an hour ago, then lost the network. */
  async function courierOnShiftSinceAnHour() {
    const courier = await newCourier(harness, coop);
    await startShift(harness, coop, courier);
    await harness.sql(`UPDATE couriers SET shift_started_at = now() - interval '1 hour' WHERE id = $1`, [courier.courierId]);
    return courier;
  }

  it('stores a batch in measurement order with its own timestamps, each point once', async () => {
    const courier = await courierOnShiftSinceAnHour();
    const points = [
      { ...near(coop, 300), at: secondsAgo(60) },
      { ...near(coop, 100), accuracy: 12, at: secondsAgo(600) },
      { ...near(coop, 200), speed: 3.5, heading: 180, at: secondsAgo(300) },
      { ...near(coop, 100), accuracy: 12, at: secondsAgo(600) },
    ];
    const response = await post(courier, points).expect(200);
    expect(response.body).toEqual({ stored: 3, duplicates: 1, outsideShift: 0, refused: [] });
    const history = await historyOf(courier.courierId);
    expect(history.map((row) => row.recorded_at.toISOString())).toEqual([points[1].at, points[2].at, points[0].at]);
    expect(history.map((row) => row.lat)).toEqual([points[1].lat, points[2].lat, points[0].lat].map((lat) => expect.closeTo(lat, 9)));

    // The same batch again (the phone did not see the first answer): nothing new.
    expect((await post(courier, points).expect(200)).body).toEqual({ stored: 0, duplicates: 4, outsideShift: 0, refused: [] });
    expect(await historyOf(courier.courierId)).toHaveLength(3);
  });

  it('makes a recent last point the live position and shows it to dispatchers', async () => {
    const courier = await courierOnShiftSinceAnHour();
    const dispatcher = openSocket(harness.gatewayUrl(), '/dispatch', { token: coop.dispatcher.token, batch: true });
    await connected(dispatcher);
    const latest = { ...near(coop, 700), at: secondsAgo(5) };
    const shown = nextEvent<CourierPositionsEvent>(dispatcher, 'courier.positions', (frame) => frame.positions.some((p) => p.courierId === courier.courierId));
    await post(courier, [{ ...near(coop, 600), at: secondsAgo(30) }, latest]).expect(200);
    expect((await shown).positions).toContainEqual({ courierId: courier.courierId, lat: latest.lat, lng: latest.lng, at: latest.at });
    expect(await positions.get(coop.cooperative.id, courier.courierId)).toMatchObject({ lat: latest.lat, at: new Date(latest.at) });
  });

  it('refuses invalid points and stores the others; refuses the batch when nothing is valid', async () => {
    const courier = await courierOnShiftSinceAnHour();
    const good = { ...near(coop, 50), at: secondsAgo(120) };
    const response = await post(courier, [
      { ...near(coop), lat: 95, at: secondsAgo(100) },
      good,
      { ...near(coop), at: new Date(Date.now() + 3600_000).toISOString() },
      { ...near(coop), lng: 'east', at: secondsAgo(90) },
    ]).expect(200);
    expect(response.body.stored).toBe(1);
    expect(response.body.refused.map((point: { index: number }) => point.index)).toEqual([0, 2, 3]);
    expect(response.body.refused[0].errors[0].field).toBe('points.0.lat');
    expect((await historyOf(courier.courierId)).map((row) => row.recorded_at.toISOString())).toEqual([good.at]);

    const invalid = await post(courier, [{ ...near(coop), lat: Number.MAX_VALUE * 10, at: secondsAgo(10) }]).expect(400);
    expect(invalid.body.code).toBe('invalid_input');
    expect(await historyOf(courier.courierId)).toHaveLength(1);
  });

  it('refuses malformed and oversized batches, other roles, and couriers off shift', async () => {
    const courier = await courierOnShiftSinceAnHour();
    await harness.api.http.post('/api/v1/couriers/me/locations').set(courier.auth).send({ points: 'many' }).expect(400);
    await post(courier, []).expect(400);
    await post(courier, Array.from({ length: 501 }, (_, i) => ({ ...near(coop), at: secondsAgo(i + 1) }))).expect(400);
    await harness.api.http.post('/api/v1/couriers/me/locations').set(courier.auth).send({ points: [{ ...near(coop), at: secondsAgo(1) }], extra: 1 }).expect(400);
    await post(coop.dispatcher, [{ ...near(coop), at: secondsAgo(1) }]).expect(403);
    const offShift = await newCourier(harness, coop);
    expect((await post(offShift, [{ ...near(coop), at: secondsAgo(1) }]).expect(409)).body.code).toBe('not_on_shift');
    expect(await historyOf(offShift.courierId)).toEqual([]);
  });

  it('does not store points measured before the shift began', async () => {
    const courier = await newCourier(harness, coop);
    await startShift(harness, coop, courier);
    const response = await post(courier, [{ ...near(coop), at: secondsAgo(3600) }]).expect(200);
    expect(response.body).toEqual({ stored: 0, duplicates: 0, outsideShift: 1, refused: [] });
  });
});
