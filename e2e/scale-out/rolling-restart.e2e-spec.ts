import { report } from '../reliability/support/report';
import type { BuiltProcess, ProcessName } from '../reliability/support/processes';
import { eventually } from '../support/eventually';
import { Cluster } from './support/cluster';
import { Drain, stopAndWatch } from './support/drain-watch';
import { settle } from './support/ledger';
import { OrderStream } from './support/order-stream';

/**
 * A rolling restart under steady load, as a Deployment update does it: each kind of process
 * one instance at a time (the three kinds side by side), SIGTERM, wait for the exit, start it
 * again, then the next. Merchants and couriers go through balancers that follow readiness, so
 * an instance must report itself unready before it stops taking work; no request may fail,
 * no job may be lost, and the couriers of a stopping gateway must end up on the other.
 */
describe('a rolling restart of two of each process under steady load', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start();
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
  });

  it('fails no request, loses no job and moves the sockets of a stopping gateway to the other', async () => {
    const stream = new OrderStream(cluster.apis, cluster.apiKey, cluster.coop.center);
    stream.start(2, 50);
    const drains: Record<string, Drain> = {};
    const kinds: ProcessName[] = ['api', 'dispatcher', 'tracking'];

    const restart = async (kind: ProcessName, index: number, instance: BuiltProcess) => {
      const onIt = cluster.phones.filter((phone) => phone.gateway === instance.url);
      drains[`${kind}#${index + 1}`] = await stopAndWatch(instance);
      if (kind === 'tracking') {
        const other = cluster.processes.tracking[1 - index].url;
        await eventually(`the couriers of gateway ${index + 1} on the other gateway`, async () => onIt.every((phone) => phone.gateway === other), 5000);
      }
      await instance.start();
    };
    for (const index of [0, 1]) {
      await Promise.all(kinds.map((kind) => restart(kind, index, cluster.processes[kind][index])));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await stream.stop();
    const ledger = await settle(cluster, stream);

    report('scale-out: rolling restart (SIGTERM, exit, start; one instance of each kind at a time)', {
      acknowledged: ledger.acknowledged,
      present: ledger.present,
      failedRequests: stream.failedAttempts.length + cluster.phones.reduce((sum, phone) => sum + phone.failedDeclines.length, 0),
      offers: ledger.offers,
      offersReceived: ledger.offersReceived,
      offersToReconnectingCouriers: ledger.offersToReconnectingCouriers.length,
      longestCourierReconnectMs: Math.max(...cluster.phones.map((phone) => phone.longestGapMs)),
      webhooks: `${ledger.webhooksReceived} of ${ledger.webhookDeliveries} delivered`,
      ...Object.fromEntries(Object.entries(drains).map(([name, drain]) => [name, `unready after ${drain.unreadyAfterMs} ms, served until ${drain.servedUntilMs} ms, refused after ${drain.refusedAfterMs} ms, exit ${drain.exit.code}`])),
    });
    expect(stream.failedAttempts).toEqual([]);
    expect(cluster.phones.flatMap((phone) => phone.failedDeclines)).toEqual([]);
    for (const [name, drain] of Object.entries(drains)) {
      // Unready first, still serving for a while after, then gone; and a clean exit.
      expect({ name, unready: drain.unreadyAfterMs! >= 0, servedAfterUnready: drain.servedUntilMs! > drain.unreadyAfterMs!, exit: drain.exit }).toEqual({
        name,
        unready: true,
        servedAfterUnready: true,
        exit: { code: 0, signal: null },
      });
    }
    expect(ledger).toMatchObject({ present: ledger.acknowledged, doubled: 0, offersMissed: [], ordersOfferedTwice: [], overlappingOffers: [] });
    for (const offer of ledger.offersToReconnectingCouriers) expect(offer).toMatch(/\((expired|withdrawn)\)$/);
    expect(ledger.webhooksReceived).toBe(ledger.webhookDeliveries);
  }, 90_000);
});
