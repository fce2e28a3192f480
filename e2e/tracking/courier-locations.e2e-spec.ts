import { CourierPositions } from '@lib/positions';
import type { CoopFixture } from '@lib/testing';
import { locationAt, near, newCourier, startShift } from '../support/factories';
import { closeAllSockets, connected, disconnected, nextEvent, openSocket, sendLocation } from './support/sockets';
import { eventually } from '../support/eventually';
import { bootSystem, TestSystem } from '../support/system';

jest.setTimeout(30_000);

describe('courier locations over /courier', () => {
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

  const historyOf = (courierId: string) =>
    harness.sql<{ lat: number; lng: number; recorded_at: Date }>(
      `SELECT ST_Y(location::geometry) AS lat, ST_X(location::geometry) AS lng, recorded_at FROM courier_locations WHERE courier_id = $1 ORDER BY recorded_at`,
      [courierId],
    );

  /** The history is written by a periodic flush: wait until it holds `count` points of the courier. */
  const historyReaches = (courierId: string, count: number) =>
    eventually(`${count} history points`, async () => {
      const rows = await historyOf(courierId);
      return rows.length >= count && rows;
    });

  it('refuses positions from a courier who is not on shift, and stores nothing', async () => {
    const courier = await newCourier(harness, coop);
    const socket = openSocket(harness.gatewayUrl(), '/courier', { token: courier.token });
    await connected(socket);
    expect(await sendLocation(socket, locationAt(coop))).toEqual({ ok: false, error: 'not_on_shift' });
    expect(await positions.get(coop.cooperative.id, courier.courierId)).toBeNull();
  });

  it('stores a valid position live and in the history', async () => {
    await startShift(harness, coop, coop.courier);
    const socket = openSocket(harness.gatewayUrl(), '/courier', { token: coop.courier.token });
    await connected(socket);
    const message = { ...locationAt(coop, 2, 150), heading: 90, speed: 4.5 };
    expect(await sendLocation(socket, message)).toEqual({ ok: true });
    const live = await positions.get(coop.cooperative.id, coop.courier.courierId);
    expect(live).toMatchObject({ lat: message.lat, lng: message.lng, at: new Date(message.at), accuracy: 8, heading: 90, speed: 4.5 });
    const [stored] = await historyReaches(coop.courier.courierId, 1);
    expect(stored.lat).toBeCloseTo(message.lat, 9);
    expect(stored.recorded_at.toISOString()).toBe(message.at);
  });

  it.each([
    ['a latitude beyond 90', { lat: 91 }],
    ['a longitude beyond 180', { lng: -180.01 }],
    ['a non-numeric latitude', { lat: 'north' }],
    ['a null longitude', { lng: null }],
    ['a time far in the future', { at: new Date(Date.now() + 3600_000).toISOString() }],
    ['a time without a zone', { at: '2026-01-01T10:00:00' }],
    ['an unknown field', { altitude: 300 }],
  ])('refuses %s and stores nothing', async (_name, change) => {
    const courier = await newCourier(harness, coop);
    await startShift(harness, coop, courier);
    const socket = openSocket(harness.gatewayUrl(), '/courier', { token: courier.token });
    await connected(socket);
    const ack = await sendLocation(socket, { ...locationAt(coop, 1), ...change });
    expect(ack).toMatchObject({ ok: false, error: 'invalid_location', detail: expect.any(String) });
    // A valid point afterwards is the barrier: once it is in the history, a refused one would be too.
    const valid = locationAt(coop, 0, 50);
    expect(await sendLocation(socket, valid)).toEqual({ ok: true });
    const history = await historyReaches(courier.courierId, 1);
    expect(history.map((row) => row.recorded_at.toISOString())).toEqual([valid.at]);
    expect(await positions.get(coop.cooperative.id, courier.courierId)).toMatchObject({ lat: valid.lat, at: new Date(valid.at) });
  });

  it('keeps the newest position live when an older one arrives later, and both in the history', async () => {
    const courier = await newCourier(harness, coop);
    await startShift(harness, coop, courier);
    const socket = openSocket(harness.gatewayUrl(), '/courier', { token: courier.token });
    await connected(socket);
    const newer = locationAt(coop, 1, 300);
    const older = locationAt(coop, 20, 100);
    expect(await sendLocation(socket, newer)).toEqual({ ok: true });
    expect(await sendLocation(socket, older)).toEqual({ ok: true });
    expect(await positions.get(coop.cooperative.id, courier.courierId)).toMatchObject({ lat: newer.lat });
    expect((await historyReaches(courier.courierId, 2)).map((row) => row.recorded_at.toISOString())).toEqual([older.at, newer.at]);
  });

  it('limits the rate of each socket', async () => {
    const courier = await newCourier(harness, coop);
    await startShift(harness, coop, courier);
    const socket = openSocket(harness.gatewayUrl(), '/courier', { token: courier.token });
    await connected(socket);
    const acks = await Promise.all(Array.from({ length: 40 }, (_, i) => sendLocation(socket, locationAt(coop, 40 - i))));
    expect(acks.filter((ack) => ack.ok).length).toBeLessThan(40);
    expect(acks).toContainEqual({ ok: false, error: 'rate_limited' });
  });

  it('closes a connection that sends an oversized frame', async () => {
    const socket = openSocket(harness.gatewayUrl(), '/courier', { token: coop.courier.token });
    await connected(socket);
    const closed = disconnected(socket);
    socket.emit('location', { ...locationAt(coop), padding: 'x'.repeat(64 * 1024) });
    expect(await closed).toBe('transport close');
  });

  it('ends tracking when the shift ends: refused from then on, and gone from the live map', async () => {
    const courier = await newCourier(harness, coop);
    await startShift(harness, coop, courier);
    const socket = openSocket(harness.gatewayUrl(), '/courier', { token: courier.token });
    await connected(socket);
    expect(await sendLocation(socket, locationAt(coop))).toEqual({ ok: true });
    const dispatcher = openSocket(harness.gatewayUrl(), '/dispatch', { token: coop.dispatcher.token });
    await connected(dispatcher);
    // The shift endpoint publishes courier.status: dispatchers see it, the gateways stop tracking.
    const statusSeen = nextEvent(dispatcher, 'courier.status', (event: { courierId: string }) => event.courierId === courier.courierId);
    await harness.api.http.put('/api/v1/couriers/me/shift').set(courier.auth).send({ onShift: false }).expect(200);
    expect(await statusSeen).toEqual({ courierId: courier.courierId, name: courier.user.name, onShift: false, status: 'offline', shiftEndsAt: null });
    await eventually('the courier to leave the live map', async () => (await positions.get(coop.cooperative.id, courier.courierId)) === null);
    expect(await sendLocation(socket, { ...near(coop), at: new Date().toISOString() })).toEqual({ ok: false, error: 'not_on_shift' });
  });
});
