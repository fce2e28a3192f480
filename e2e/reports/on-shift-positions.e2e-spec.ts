import { CourierPositions, LocationHistoryWriter } from '@lib/positions';
import type { CoopFixture } from '@lib/testing';
import type { CourierPositionEvent } from '@lib/wire';
import { Courier, locationAt, newCourier, startShift } from '../support/factories';
import { eventually } from '../support/eventually';
import { bootSystem, TestSystem } from '../support/system';
import { closeAllSockets, connected, nextEvent, openSocket, record, sendLocation } from '../tracking/support/sockets';

jest.setTimeout(60_000);

/**
 * "Positions are stored and shown only while on shift", proven on every path a position takes:
 * the `/courier` socket and the REST batch in; the history table, the live GEO set, the
 * dispatchers' socket and the dispatch board out.
 */
describe('positions are stored and shown only while on shift', () => {
  let system: TestSystem;
  let coop: CoopFixture;
  let live: CourierPositions;

  beforeAll(async () => {
    system = await bootSystem({ dispatchers: 0, tracking: 1 });
    coop = await system.api.newCooperative();
    live = system.gateways[0].app.get(CourierPositions);
  });
  afterEach(() => closeAllSockets());
  afterAll(() => system.close());

  const historyOf = async (courierId: string) =>
    (await system.sql<{ recorded_at: Date }>(`SELECT recorded_at FROM courier_locations WHERE courier_id = $1 ORDER BY recorded_at`, [courierId])).map((row) =>
      row.recorded_at.toISOString(),
    );
  const boardPositionOf = async (courierId: string) => {
    const board = (await system.api.http.get('/api/v1/dispatch/board').set(coop.dispatcher.auth).expect(200)).body;
    return board.couriers.find((courier: { id: string }) => courier.id === courierId)?.position ?? null;
  };
  const postPoints = (courier: Courier, points: unknown[]) => system.api.http.post('/api/v1/couriers/me/locations').set(courier.auth).send({ points });

  async function dispatcherWatching() {
    const socket = openSocket(system.gatewayUrl(), '/dispatch', { token: coop.dispatcher.token });
    const seen = record<CourierPositionEvent>(socket, 'courier.position');
    await connected(socket);
    return { socket, seen };
  }

  async function courierSocket(courier: Courier) {
    const socket = openSocket(system.gatewayUrl(), '/courier', { token: courier.token });
    await connected(socket);
    return socket;
  }

  /**
   * A courier on shift sends a point and we wait until the dispatchers saw it and the history
   * holds it: everything sent before it has gone as far as it ever will.
   */
  async function barrier(dispatcher: Awaited<ReturnType<typeof dispatcherWatching>>) {
    const witness = await newCourier(system, coop);
    await startShift(system, coop, witness);
    const socket = await courierSocket(witness);
    const shown = nextEvent<CourierPositionEvent>(dispatcher.socket, 'courier.position', (event) => event.courierId === witness.courierId);
    expect(await sendLocation(socket, locationAt(coop, 0, 10))).toEqual({ ok: true });
    await shown;
    await eventually('the witness in the history', async () => (await historyOf(witness.courierId)).length === 1);
  }

  it('off shift: refused on the socket and over REST, in no history, no live set, no dispatcher screen', async () => {
    const dispatcher = await dispatcherWatching();
    const courier = await newCourier(system, coop);
    const socket = await courierSocket(courier);
    expect(await sendLocation(socket, locationAt(coop, 1))).toEqual({ ok: false, error: 'not_on_shift' });
    const rest = await postPoints(courier, [locationAt(coop, 5)]).expect(409);
    expect(rest.body.code).toBe('not_on_shift');

    await barrier(dispatcher);
    expect(await historyOf(courier.courierId)).toEqual([]);
    expect(await live.get(coop.cooperative.id, courier.courierId)).toBeNull();
    expect(dispatcher.seen.filter((event) => event.courierId === courier.courierId)).toEqual([]);
    expect(await boardPositionOf(courier.courierId)).toBeNull();
  });

  it('on shift: stored in the history and the live set, and shown to dispatchers, on both paths', async () => {
    const dispatcher = await dispatcherWatching();
    const courier = await newCourier(system, coop);
    await startShift(system, coop, courier);
    const socket = await courierSocket(courier);
    const viaSocket = locationAt(coop, 1, 100);
    const shown = nextEvent<CourierPositionEvent>(dispatcher.socket, 'courier.position', (event) => event.courierId === courier.courierId);
    expect(await sendLocation(socket, viaSocket)).toEqual({ ok: true });
    expect(await shown).toMatchObject({ lat: viaSocket.lat, at: viaSocket.at });
    const viaRest = locationAt(coop, 0, 200);
    expect((await postPoints(courier, [viaRest]).expect(200)).body).toMatchObject({ stored: 1, outsideShift: 0 });

    await eventually('both points in the history', async () => (await historyOf(courier.courierId)).length === 2);
    expect(await historyOf(courier.courierId)).toEqual([viaSocket.at, viaRest.at]);
    expect(await live.get(coop.cooperative.id, courier.courierId)).toMatchObject({ lat: viaRest.lat });
    expect(await boardPositionOf(courier.courierId)).toMatchObject({ lat: viaRest.lat });
  });

  it('after the shift ends: off the live set and the board at once, and nothing more is stored', async () => {
    const dispatcher = await dispatcherWatching();
    const courier = await newCourier(system, coop);
    await startShift(system, coop, courier);
    const socket = await courierSocket(courier);
    const before = locationAt(coop, 1);
    expect(await sendLocation(socket, before)).toEqual({ ok: true });
    await eventually('the point in the history', async () => (await historyOf(courier.courierId)).length === 1);

    await system.api.http.put('/api/v1/couriers/me/shift').set(courier.auth).send({ onShift: false }).expect(200);
    await eventually('off the live set', async () => (await live.get(coop.cooperative.id, courier.courierId)) === null);
    expect(await sendLocation(socket, locationAt(coop, 0, 50))).toEqual({ ok: false, error: 'not_on_shift' });
    await postPoints(courier, [locationAt(coop, 0, 60)]).expect(409);

    await barrier(dispatcher);
    expect(await historyOf(courier.courierId)).toEqual([before.at]);
    expect(await live.get(coop.cooperative.id, courier.courierId)).toBeNull();
    expect(await boardPositionOf(courier.courierId)).toBeNull();
    // A dispatcher connecting now is not sent the courier in its first snapshot either.
    const late = openSocket(system.gatewayUrl(), '/dispatch', { token: coop.dispatcher.token });
    const snapshot = record<CourierPositionEvent>(late, 'courier.position');
    await connected(late);
    await barrier(dispatcher);
    expect(snapshot.filter((event) => event.courierId === courier.courierId)).toEqual([]);
  });

  it('a point measured before the shift started is neither stored nor shown, whichever path brings it', async () => {
    const dispatcher = await dispatcherWatching();
    const courier = await newCourier(system, coop);
    await startShift(system, coop, courier);
    const socket = await courierSocket(courier);
    // The phone's buffer from before work (e.g. at home), sent once the shift has begun.
    expect(await sendLocation(socket, locationAt(coop, 300, 30))).toEqual({ ok: false, error: 'not_on_shift' });
    const beforeShift = locationAt(coop, 600, 10);
    const during = locationAt(coop, 0, 20);
    expect((await postPoints(courier, [beforeShift, during]).expect(200)).body).toMatchObject({ stored: 1, outsideShift: 1 });

    await barrier(dispatcher);
    expect(await historyOf(courier.courierId)).toEqual([during.at]);
    expect(dispatcher.seen.filter((event) => event.courierId === courier.courierId).map((event) => event.at)).toEqual([during.at]);
  });

  it('the history insert itself keeps only points inside one of the courier\'s shifts', async () => {
    // Whatever the caller checked, the insert itself keeps only points inside one of the
    // courier's logged shifts (here the gateway's history writer, for a courier off shift now).
    const courier = await newCourier(system, coop);
    await system.sql(
      `INSERT INTO courier_shifts (cooperative_id, courier_id, started_at, ended_at) VALUES ($1, $2, now() - interval '3 hours', now() - interval '2 hours')`,
      [coop.cooperative.id, courier.courierId],
    );
    const writer = system.gateways[0].app.get(LocationHistoryWriter);
    const fix = (hoursAgo: number) => ({ lat: coop.center.lat, lng: coop.center.lng, at: new Date(Date.now() - hoursAgo * 3600_000), accuracy: null, heading: null, speed: null });
    const during = fix(2.5);
    writer.add(coop.cooperative.id, courier.courierId, during);
    writer.add(coop.cooperative.id, courier.courierId, fix(1)); // after the shift ended
    await writer.flush();
    expect(await historyOf(courier.courierId)).toEqual([during.at.toISOString()]);
  });
});
