import type { CoopFixture, Session } from '@lib/testing';
import { LYON } from '@lib/testing';
import type { CourierPositionEvent, CourierPositionsEvent, OrderView } from '@lib/wire';
import { locationAt, newCourier, startShift } from '../support/factories';
import { closeAllSockets, connected, nextEvent, openSocket, record, sendLocation } from './support/sockets';
import { bootSystem, TestSystem } from '../support/system';

jest.setTimeout(30_000);

/** Two gateway instances sharing Redis and the database, as behind a load balancer. */
describe('dispatcher live feed over /dispatch', () => {
  let harness: TestSystem;
  let coopA: CoopFixture;
  let coopB: CoopFixture;

  beforeAll(async () => {
    harness = await bootSystem({ dispatchers: 0, tracking: 2 });
    coopA = await harness.api.newCooperative();
    coopB = await harness.api.newCooperative(LYON);
  });
  afterEach(() => closeAllSockets());
  afterAll(() => harness.close());

  async function courierOnShift(coop: CoopFixture, instance = 0): Promise<{ courier: Session & { courierId: string }; socket: ReturnType<typeof openSocket> }> {
    const courier = await newCourier(harness, coop);
    await startShift(harness, coop, courier);
    const socket = openSocket(harness.gatewayUrl(instance), '/courier', { token: courier.token });
    await connected(socket);
    return { courier, socket };
  }

  const hasCourier = (courierId: string) => (frame: CourierPositionsEvent) => frame.positions.some((position) => position.courierId === courierId);

  it('sends a new dispatcher the current positions first, in either form', async () => {
    const { courier, socket } = await courierOnShift(coopA);
    const sent = locationAt(coopA, 1, 200);
    expect(await sendLocation(socket, sent)).toEqual({ ok: true });

    const batched = openSocket(harness.gatewayUrl(1), '/dispatch', { token: coopA.dispatcher.token, batch: true });
    const firstFrame = nextEvent<CourierPositionsEvent>(batched, 'courier.positions');
    const single = openSocket(harness.gatewayUrl(1), '/dispatch', { token: coopA.dispatcher.token });
    const firstSingle = nextEvent<CourierPositionEvent>(single, 'courier.position', (event) => event.courierId === courier.courierId);

    const frame = await firstFrame;
    expect(frame.snapshot).toBe(true);
    expect(frame.positions).toContainEqual({ courierId: courier.courierId, lat: sent.lat, lng: sent.lng, at: sent.at });
    expect(await firstSingle).toEqual({ courierId: courier.courierId, lat: sent.lat, lng: sent.lng, at: sent.at });
  });

  it('relays a courier on instance A to a dispatcher on instance B', async () => {
    const dispatcher = openSocket(harness.gatewayUrl(1), '/dispatch', { token: coopA.dispatcher.token });
    await connected(dispatcher);
    const { courier, socket } = await courierOnShift(coopA, 0);
    const sent = locationAt(coopA, 0, 400);
    const relayed = nextEvent<CourierPositionEvent>(dispatcher, 'courier.position', (event) => event.courierId === courier.courierId);
    expect(await sendLocation(socket, sent)).toEqual({ ok: true });
    expect(await relayed).toEqual({ courierId: courier.courierId, lat: sent.lat, lng: sent.lng, at: sent.at });
  });

  it('coalesces a burst into batched frames holding only the latest position per courier', async () => {
    const dispatcher = openSocket(harness.gatewayUrl(1), '/dispatch', { token: coopA.dispatcher.token, batch: true });
    await connected(dispatcher);
    const frames = record<CourierPositionsEvent>(dispatcher, 'courier.positions');
    const movers = await Promise.all([courierOnShift(coopA), courierOnShift(coopA)]);
    const bursts = movers.map(() => Array.from({ length: 10 }, (_, i) => locationAt(coopA, 10 - i, i * 20)));
    const latestSeen = (m: number) => frames.some((frame) => frame.positions.some((p) => p.courierId === movers[m].courier.courierId && p.at === bursts[m][9].at));
    // `record` was attached first, so `frames` already holds the frame this predicate looks at.
    const bothLatestSeen = nextEvent(dispatcher, 'courier.positions', () => latestSeen(0) && latestSeen(1));

    const acks = await Promise.all(movers.flatMap(({ socket }, m) => bursts[m].map((message) => sendLocation(socket, message))));
    expect(acks.every((ack) => ack.ok)).toBe(true);
    await bothLatestSeen;

    const live = frames.filter((frame) => !frame.snapshot);
    for (const frame of live) {
      const ids = frame.positions.map((p) => p.courierId);
      expect(new Set(ids).size).toBe(ids.length);
    }
    // 20 positions sent within milliseconds: one frame, or two if the burst straddled a tick.
    const framesWithMovers = live.filter((frame) => movers.some(({ courier }) => hasCourier(courier.courierId)(frame)));
    expect(framesWithMovers.length).toBeLessThanOrEqual(2);
  });

  it('never shows a dispatcher another cooperative\'s couriers or orders', async () => {
    const dispatcherA = openSocket(harness.gatewayUrl(0), '/dispatch', { token: coopA.dispatcher.token, batch: true });
    const singleA = openSocket(harness.gatewayUrl(1), '/dispatch', { token: coopA.admin.token });
    await Promise.all([connected(dispatcherA), connected(singleA)]);
    const framesA = record<CourierPositionsEvent>(dispatcherA, 'courier.positions');
    const singlesA = record<CourierPositionEvent>(singleA, 'courier.position');
    const ordersA = record<{ id: string }>(dispatcherA, 'order.updated');
    const statusesA = record<{ courierId: string }>(dispatcherA, 'courier.status');

    const inB = await courierOnShift(coopB, 0);
    const inA = await courierOnShift(coopA, 1);
    expect(await sendLocation(inB.socket, locationAt(coopB))).toEqual({ ok: true });
    harness.publisher.toCooperative(coopB.cooperative.id).emit('order.updated', { id: 'order-of-b', status: 'pending' } as OrderView);
    harness.publisher.toCooperative(coopB.cooperative.id).emit('courier.status', { courierId: inB.courier.courierId, onShift: true, status: 'busy' });
    // Barriers: A's own events, sent after B's, reach A's dispatchers; B's would have come first.
    const barriers = Promise.all([
      nextEvent(dispatcherA, 'order.updated', (order: { id: string }) => order.id === 'order-of-a'),
      nextEvent(dispatcherA, 'courier.positions', hasCourier(inA.courier.courierId)),
      nextEvent(singleA, 'courier.position', (event: CourierPositionEvent) => event.courierId === inA.courier.courierId),
    ]);
    expect(await sendLocation(inA.socket, locationAt(coopA))).toEqual({ ok: true });
    harness.publisher.toCooperative(coopA.cooperative.id).emit('order.updated', { id: 'order-of-a', status: 'pending' } as OrderView);
    await barriers;

    expect(ordersA.map((order) => order.id)).toEqual(['order-of-a']);
    expect(statusesA.map((status) => status.courierId)).not.toContain(inB.courier.courierId);
    expect(framesA.flatMap((frame) => frame.positions).map((p) => p.courierId)).not.toContain(inB.courier.courierId);
    expect(singlesA.map((p) => p.courierId)).not.toContain(inB.courier.courierId);
  });
});
