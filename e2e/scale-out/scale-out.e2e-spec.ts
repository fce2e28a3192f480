import { eventually } from '../support/eventually';
import { report } from '../reliability/support/report';
import { Cluster } from './support/cluster';
import { settle } from './support/ledger';
import { OrderStream } from './support/order-stream';

/**
 * Scale-out proven on one machine: two API, two dispatcher and two tracking processes (the
 * built ones, `npm run build:server` first) on one PostgreSQL database and one Redis. Orders go
 * through either API, decisions are made by either dispatcher, couriers and the dispatcher's
 * board sit on either gateway; then one process of each kind is SIGKILLed mid-stream, and
 * nothing acknowledged is lost.
 */
describe('two of each process on one PostgreSQL and one Redis', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start();
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
  });

  it('shows the dispatcher on gateway 1 the couriers connected to gateway 2, and offers reach couriers on either gateway', async () => {
    const [first, second] = cluster.processes.tracking.map((gateway) => gateway.url);
    const onSecond = cluster.phones.filter((phone) => phone.gateway === second).map((phone) => phone.courierId);
    await eventually('positions of every courier on gateway 2 on the board of gateway 1', async () => onSecond.every((id) => cluster.boardPositions.has(id)));

    const stream = new OrderStream(cluster.apis, cluster.apiKey, cluster.coop.center);
    stream.start(2, 100);
    await eventually('offers received on both gateways', async () =>
      [first, second].every((gateway) => cluster.phones.some((phone) => phone.gateway === gateway && phone.offers.size > 0)),
    );
    await stream.stop();
    const ledger = await settle(cluster, stream);
    expect(ledger).toMatchObject({ present: ledger.acknowledged, doubled: 0, offersMissed: [], ordersOfferedTwice: [], overlappingOffers: [] });
  }, 60_000);

  it('loses nothing when one process of each kind is SIGKILLed mid-stream', async () => {
    const stream = new OrderStream(cluster.apis, cluster.apiKey, cluster.coop.center);
    stream.start(3, 50);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const [api, dispatcher, gateway] = [cluster.processes.api[0], cluster.processes.dispatcher[0], cluster.processes.tracking[1]];
    await Promise.all([api.kill(), dispatcher.kill(), gateway.kill()]);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await stream.stop();

    const ledger = await settle(cluster, stream);
    report('scale-out: one api, one dispatcher and one gateway SIGKILLed mid-stream', {
      ...ledger,
      offersMissed: ledger.offersMissed.length,
      offersToReconnectingCouriers: ledger.offersToReconnectingCouriers.length,
      ordersOfferedTwice: ledger.ordersOfferedTwice.length,
      overlappingOffers: ledger.overlappingOffers.length,
      failedAttempts: stream.failedAttempts.length,
    });
    expect(ledger.acknowledged).toBeGreaterThan(20);
    expect(ledger).toMatchObject({ present: ledger.acknowledged, doubled: 0, offersMissed: [], ordersOfferedTwice: [], overlappingOffers: [] });
    // An offer sent while its courier's phone was between gateways never reached it: it expired
    // and the order went to the next courier (settle waited for every order to be decided).
    for (const offer of ledger.offersToReconnectingCouriers) expect(offer).toMatch(/\((expired|withdrawn)\)$/);
    expect(ledger.webhooksReceived).toBe(ledger.webhookDeliveries);
    expect(ledger.webhookDeliveries).toBeGreaterThanOrEqual(ledger.acknowledged);
    // The killed gateway's couriers are on the other one, still sending positions.
    expect(cluster.phones.every((phone) => phone.gateway === cluster.processes.tracking[0].url)).toBe(true);
  }, 60_000);
});
