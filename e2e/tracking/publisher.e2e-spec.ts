import type { CoopFixture } from '@lib/testing';
import type { OfferEvent, OrderView } from '@lib/wire';
import { newCourier } from '../support/factories';
import { closeAllSockets, connected, nextEvent, openSocket, record } from './support/sockets';
import { bootSystem, TestSystem } from '../support/system';

jest.setTimeout(30_000);

const offer = (offerId: string): OfferEvent => ({
  offerId,
  orderId: '6f1c0d1e-0000-4000-8000-000000000001',
  pickup: { address: '1 place du Marché', location: { lat: 44.93, lng: 4.89 }, contactName: null, phone: null, notes: null },
  dropoff: { address: '3 rue du Test', location: { lat: 44.94, lng: 4.9 }, contactName: null, phone: null, notes: null },
  price: { amount: 650, currency: 'EUR' },
  expiresAt: new Date(Date.now() + 60_000).toISOString(),
});

/** apps/api and apps/dispatcher reach sockets through Redis, whichever instance holds them. */
describe('RealtimePublisher', () => {
  let harness: TestSystem;
  let coop: CoopFixture;

  beforeAll(async () => {
    harness = await bootSystem({ dispatchers: 0, tracking: 2 });
    coop = await harness.api.newCooperative();
  });
  afterEach(() => closeAllSockets());
  afterAll(() => harness.close());

  it('sends offers, withdrawals and order updates to one courier, on any instance, and to no other', async () => {
    const other = await newCourier(harness, coop);
    const mine = openSocket(harness.gatewayUrl(1), '/courier', { token: coop.courier.token });
    const theirs = openSocket(harness.gatewayUrl(0), '/courier', { token: other.token });
    await Promise.all([connected(mine), connected(theirs)]);
    const theirOffers = record<OfferEvent>(theirs, 'offer');

    const received = Promise.all([
      nextEvent<OfferEvent>(mine, 'offer'),
      nextEvent(mine, 'offer.withdrawn'),
      nextEvent(mine, 'order.updated'),
    ]);
    harness.publisher.toCourier(coop.courier.courierId).emit('offer', offer('offer-1'));
    harness.publisher.toCourier(coop.courier.courierId).emit('offer.withdrawn', { offerId: 'offer-1' });
    harness.publisher.toCourier(coop.courier.courierId).emit('order.updated', { id: 'order-1', status: 'assigned' } as OrderView);
    const [sent, withdrawn, updated] = await received;
    expect(sent).toEqual({ ...offer('offer-1'), expiresAt: sent.expiresAt });
    expect(withdrawn).toEqual({ offerId: 'offer-1' });
    expect(updated).toEqual({ id: 'order-1', status: 'assigned' });

    // The other courier's own offer, sent afterwards, is the barrier.
    const barrier = nextEvent<OfferEvent>(theirs, 'offer');
    harness.publisher.toCourier(other.courierId).emit('offer', offer('offer-2'));
    await barrier;
    expect(theirOffers.map((event) => event.offerId)).toEqual(['offer-2']);
  });

  it('sends order updates and courier status to every dispatcher of the cooperative, on both instances', async () => {
    const onA = openSocket(harness.gatewayUrl(0), '/dispatch', { token: coop.dispatcher.token });
    const onB = openSocket(harness.gatewayUrl(1), '/dispatch', { token: coop.admin.token });
    await Promise.all([connected(onA), connected(onB)]);
    const everywhere = Promise.all(
      [onA, onB].flatMap((socket) => [nextEvent(socket, 'order.updated'), nextEvent(socket, 'courier.status')]),
    );
    harness.publisher.toCooperative(coop.cooperative.id).emit('order.updated', { id: 'order-2', status: 'pending', needsAttention: true } as OrderView);
    harness.publisher.toCooperative(coop.cooperative.id).emit('courier.status', { courierId: coop.courier.courierId, onShift: true, status: 'available' });
    expect(await everywhere).toEqual([
      { id: 'order-2', status: 'pending', needsAttention: true },
      { courierId: coop.courier.courierId, onShift: true, status: 'available' },
      { id: 'order-2', status: 'pending', needsAttention: true },
      { courierId: coop.courier.courierId, onShift: true, status: 'available' },
    ]);
  });

  it('sends positions recorded elsewhere to dispatchers in both forms', async () => {
    const batched = openSocket(harness.gatewayUrl(0), '/dispatch', { token: coop.dispatcher.token, batch: true });
    const single = openSocket(harness.gatewayUrl(1), '/dispatch', { token: coop.dispatcher.token });
    await Promise.all([connected(batched), connected(single)]);
    const position = { courierId: coop.courier.courierId, lat: 44.95, lng: 4.9, at: new Date().toISOString() };
    const received = Promise.all([
      nextEvent(batched, 'courier.positions', (frame: { snapshot: boolean }) => !frame.snapshot),
      nextEvent(single, 'courier.position'),
    ]);
    harness.publisher.courierPositions(coop.cooperative.id, [position]);
    expect(await received).toEqual([{ positions: [position], snapshot: false }, position]);
  });
});
