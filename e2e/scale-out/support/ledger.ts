import { Queue } from 'bullmq';
import { queues, redisOptions } from '@lib/queues';
import { eventually } from '../../support/eventually';
import type { Cluster } from './cluster';
import type { OrderStream } from './order-stream';

/** How long after an offer is made its courier must stay connected for us to expect it to arrive. */
const DELIVERY_WINDOW_MS = 1000;

export interface Ledger {
  acknowledged: number;
  present: number;
  doubled: number;
  offers: number;
  offersReceived: number;
  /** Offers sent while their courier's phone was connected (and stayed so), never received. */
  offersMissed: string[];
  /**
   * Offers sent while their courier's phone was between gateways: a socket.io event to a client
   * that is not connected is gone, so these expire and the order goes to the next courier.
   */
  offersToReconnectingCouriers: string[];
  /** Orders with more offers than the co-op allows, or two offers to one courier. */
  ordersOfferedTwice: string[];
  /** Orders whose next offer was sent before the previous one was closed. */
  overlappingOffers: string[];
  webhookDeliveries: number;
  webhooksReceived: number;
}

/**
 * Waits until the stream's work is done (every order decided: with two declines each order
 * ends waiting for a dispatcher; the outbox relayed; every queue empty; every webhook
 * delivered), then counts what was acknowledged against what the database and the clients hold.
 */
export async function settle(cluster: Cluster, stream: OrderStream, timeoutMs = 30_000): Promise<Ledger> {
  const ids = stream.orderIds;
  await eventually('every order decided and waiting for a dispatcher after two declines', async () => {
    const [row] = await cluster.sql<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND NOT needs_attention`, [ids]);
    return row.n === 0;
  }, timeoutMs);
  await eventually('every webhook delivered', async () => {
    const [row] = await cluster.sql<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status <> 'succeeded'`);
    return row.n === 0;
  }, timeoutMs);
  await queuesEmpty(cluster);

  const references = [...stream.acknowledged.keys()].map((key) => `stream-${key}`);
  const stored = await cluster.sql<{ reference: string; n: number }>(`SELECT reference, count(*)::int AS n FROM orders WHERE reference = ANY($1) GROUP BY reference`, [references]);
  // When an offer went out: its decision's log entry is written in the offer's transaction, just
  // before the commit that the announcement follows (created_at is the transaction's start).
  const offers = await cluster.sql<{ id: string; orderId: string; courierId: string; status: string; createdAt: Date; respondedAt: Date | null; sentAt: Date }>(
    `SELECT o.id, o.order_id AS "orderId", o.courier_id AS "courierId", o.status, o.created_at AS "createdAt", o.responded_at AS "respondedAt",
            (SELECT min(d.decided_at) FROM dispatch_decisions d WHERE d.offer_id = o.id) AS "sentAt"
     FROM offers o WHERE o.order_id = ANY($1::uuid[]) ORDER BY o.order_id, o.created_at`,
    [ids],
  );
  const phones = new Map(cluster.phones.map((phone) => [phone.courierId, phone]));
  const byOrder = new Map<string, typeof offers>();
  for (const offer of offers) byOrder.set(offer.orderId, [...(byOrder.get(offer.orderId) ?? []), offer]);
  const unreceived = offers.filter((offer) => !phones.get(offer.courierId)!.offers.has(offer.id));
  const reachable = (offer: (typeof offers)[number]) => phones.get(offer.courierId)!.connectedThrough(offer.sentAt.getTime(), offer.sentAt.getTime() + DELIVERY_WINDOW_MS);
  const deliveries = await cluster.sql<{ id: string }>(`SELECT id FROM webhook_deliveries WHERE status = 'succeeded'`);
  return {
    acknowledged: stream.acknowledged.size,
    present: stored.length,
    doubled: stored.filter((row) => row.n > 1).length,
    offers: offers.length,
    offersReceived: offers.length - unreceived.length,
    offersMissed: unreceived.filter(reachable).map((offer) => offer.id),
    offersToReconnectingCouriers: unreceived.filter((offer) => !reachable(offer)).map((offer) => `${offer.id} (${offer.status})`),
    ordersOfferedTwice: [...byOrder].filter(([, made]) => made.length > 2 || new Set(made.map((offer) => offer.courierId)).size < made.length).map(([id]) => id),
    overlappingOffers: [...byOrder].flatMap(([id, made]) =>
      made.slice(1).flatMap((offer, i) => {
        const previous = made[i];
        // created_at is its transaction's start, which may precede the decline its decision read;
        // the decision's clock time is after that read.
        return !previous.respondedAt || previous.respondedAt > offer.sentAt ? [`${id}: offered at ${offer.sentAt.toISOString()}, the previous offer (${previous.status}) closed at ${previous.respondedAt?.toISOString()}`] : [];
      }),
    ),
    webhookDeliveries: deliveries.length,
    webhooksReceived: deliveries.filter((delivery) => cluster.webhooks.received.has(delivery.id)).length,
  };
}

/** The queues of the order stream's work (`maintenance` keeps a repeating job, so it is never empty). */
const STREAM_QUEUES = [queues.dispatch, queues.offerExpiry, queues.webhooks];

/**
 * Nothing left waiting, running or delayed on the stream's queues (BullMQ, under the stack's
 * prefix). A job held by a SIGKILLed dispatcher counts as active until its lock expires and
 * another worker takes it back (`workerOptions`: about 20 s at most), hence the wait.
 */
async function queuesEmpty(cluster: Cluster): Promise<void> {
  const config = cluster.stack.config;
  const open = STREAM_QUEUES.map((queue) => new Queue(queue.name, { connection: redisOptions(config, 'test-ledger') as never, prefix: `${config.env.REDIS_PREFIX}:q` }));
  try {
    await eventually('every queue empty', async () => {
      for (const queue of open) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (Object.values(counts).some((count) => count > 0)) return false;
      }
      return true;
    }, 30_000);
  } finally {
    await Promise.all(open.map((queue) => queue.close()));
  }
}
