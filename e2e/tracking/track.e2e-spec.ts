import type { CoopFixture } from '@lib/testing';
import type { CourierPositionEvent, OrderStatus, TrackPositionEvent, TrackStatusEvent } from '@lib/wire';
import { locationAt, newOrder, setOrderState, startShift } from '../support/factories';
import { closeAllSockets, connected, nextEvent, openSocket, record, sendLocation } from './support/sockets';
import { bootSystem, TestSystem } from '../support/system';

jest.setTimeout(30_000);

/** A customer's tracking page: the tracker on instance B, the courier on instance A. */
describe('order tracking over /track', () => {
  let harness: TestSystem;
  let coop: CoopFixture;
  let courierSocket: ReturnType<typeof openSocket>;

  beforeAll(async () => {
    harness = await bootSystem({ dispatchers: 0, tracking: 2 });
    coop = await harness.api.newCooperative();
  });
  beforeEach(async () => {
    await startShift(harness, coop, coop.courier);
    courierSocket = openSocket(harness.gatewayUrl(0), '/courier', { token: coop.courier.token });
    await connected(courierSocket);
  });
  afterEach(() => closeAllSockets());
  afterAll(() => harness.close());

  /** What the API publishes when the order moves (and the database says the same). */
  async function moveOrder(orderId: string, status: OrderStatus, courierId: string | null, eta: string | null = null) {
    await setOrderState(harness, orderId, status, courierId);
    harness.publisher.toOrderTrackers(orderId).emit('status', { status, at: new Date().toISOString(), eta, courierId });
  }

  /**
   * Sends a position and waits until a dispatcher on the tracker's instance received it: by
   * then a tracker following the courier has received it too (same tick, same server).
   */
  async function courierMoves(metersNorth: number) {
    const dispatcher = openSocket(harness.gatewayUrl(1), '/dispatch', { token: coop.dispatcher.token });
    await connected(dispatcher);
    const message = locationAt(coop, 0, metersNorth);
    const relayed = nextEvent<CourierPositionEvent>(dispatcher, 'courier.position', (event) => event.at === message.at && event.courierId === coop.courier.courierId);
    expect(await sendLocation(courierSocket, message)).toEqual({ ok: true });
    await relayed;
    dispatcher.disconnect();
    return message;
  }

  /** A status notice the tracker must receive: everything sent to it before has arrived. */
  async function barrier(tracker: ReturnType<typeof openSocket>, orderId: string, status: OrderStatus, courierId: string | null) {
    const seen = nextEvent<TrackStatusEvent>(tracker, 'status', (event) => event.status === status);
    harness.publisher.toOrderTrackers(orderId).emit('status', { status, at: new Date().toISOString(), eta: null, courierId });
    await seen;
  }

  it('shows the status with its ETA, and the courier\'s position only while assigned or picked up', async () => {
    const order = await newOrder(harness, coop);
    const tracker = openSocket(harness.gatewayUrl(1), '/track', { token: order.trackingToken });
    const firstStatus = nextEvent<TrackStatusEvent>(tracker, 'status');
    const positions = record<TrackPositionEvent>(tracker, 'position');
    expect(await firstStatus).toMatchObject({ status: 'pending' });

    // Before assignment: the courier moves, the customer sees nothing of it.
    await courierMoves(100);
    await barrier(tracker, order.id, 'offered', null);
    expect(positions).toEqual([]);

    // Assigned: status with ETA, then positions.
    const eta = new Date(Date.now() + 20 * 60_000).toISOString();
    const assigned = nextEvent<TrackStatusEvent>(tracker, 'status', (event) => event.status === 'assigned');
    await moveOrder(order.id, 'assigned', coop.courier.courierId, eta);
    expect(await assigned).toMatchObject({ status: 'assigned', eta });
    const nextPosition = nextEvent<TrackPositionEvent>(tracker, 'position');
    const moved = await courierMoves(200);
    expect(await nextPosition).toEqual({ lat: moved.lat, lng: moved.lng, at: moved.at });

    // A customer opening the page now gets the status (with the ETA) and the last position first.
    const late = openSocket(harness.gatewayUrl(0), '/track', { token: order.trackingToken });
    const lateStatus = nextEvent<TrackStatusEvent>(late, 'status');
    const latePosition = nextEvent<TrackPositionEvent>(late, 'position');
    expect(await lateStatus).toMatchObject({ status: 'assigned', eta });
    expect(await latePosition).toEqual({ lat: moved.lat, lng: moved.lng, at: moved.at });

    // Picked up: still followed.
    await moveOrder(order.id, 'picked_up', coop.courier.courierId, eta);
    const pickedUpPosition = nextEvent<TrackPositionEvent>(tracker, 'position', (event) => event.at !== moved.at);
    const afterPickup = await courierMoves(300);
    expect(await pickedUpPosition).toMatchObject({ lat: afterPickup.lat, at: afterPickup.at });

    // Delivered: no more positions, for this customer or a new one.
    const delivered = nextEvent<TrackStatusEvent>(tracker, 'status', (event) => event.status === 'delivered');
    await moveOrder(order.id, 'delivered', coop.courier.courierId);
    expect(await delivered).toMatchObject({ status: 'delivered', eta: null });
    const countBefore = positions.length;
    await courierMoves(400);
    await barrier(tracker, order.id, 'delivered', null);
    expect(positions).toHaveLength(countBefore);

    const afterwards = openSocket(harness.gatewayUrl(1), '/track', { token: order.trackingToken });
    const afterwardsPositions = record(afterwards, 'position');
    expect(await nextEvent<TrackStatusEvent>(afterwards, 'status')).toMatchObject({ status: 'delivered' });
    await barrier(afterwards, order.id, 'delivered', null);
    expect(afterwardsPositions).toEqual([]);
  });

  it('shows a tracking token only its own order', async () => {
    const mine = await newOrder(harness, coop);
    const other = await newOrder(harness, coop);
    const tracker = openSocket(harness.gatewayUrl(1), '/track', { token: mine.trackingToken });
    const statuses = record<TrackStatusEvent>(tracker, 'status');
    const positions = record<TrackPositionEvent>(tracker, 'position');
    await connected(tracker);

    await moveOrder(other.id, 'assigned', coop.courier.courierId);
    harness.publisher.toOrderTrackers(other.id).emit('status', { status: 'cancelled', at: new Date().toISOString(), eta: null, courierId: null });
    await moveOrder(other.id, 'assigned', coop.courier.courierId);
    await courierMoves(500);
    await barrier(tracker, mine.id, 'offered', null);

    expect(statuses.map((event) => event.status)).not.toContain('cancelled');
    expect(statuses.map((event) => event.status)).not.toContain('assigned');
    expect(positions).toEqual([]);
  });
});
