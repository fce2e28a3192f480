import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { BacklogRepository } from '@lib/database';
import { collectedGauge } from './collected-gauge';

// Read from PostgreSQL on scrape rather than counted in memory: the figures are the same
// whichever replica is scraped and survive restarts. Both queries read partial indexes
// (waiting and held orders; unpublished events), so a scrape costs two small index scans.
const openOrders = collectedGauge('orders_open', 'Orders not closed yet, by cooperative and status (pending, offered, assigned, picked_up)', ['cooperative', 'status'], 'first');
const ordersNeedingAttention = collectedGauge('orders_needing_attention', 'Waiting orders flagged for a dispatcher, by cooperative', ['cooperative'], 'first');
const outboxUnpublished = collectedGauge('outbox_unpublished_events', 'Outbox events not yet relayed to the queues', [], 'first');
const outboxLag = collectedGauge('outbox_lag_seconds', 'Age of the oldest outbox event not yet relayed (0 when none)', [], 'first');

/** The order and outbox backlog of the whole deployment, on the dispatcher's /metrics. */
@Injectable()
export class BacklogMetrics implements OnModuleInit, OnApplicationShutdown {
  private readonly removals: (() => void)[] = [];

  constructor(private readonly backlog: BacklogRepository) {}

  onModuleInit(): void {
    // Two gauges read each query: one query per scrape.
    const orders = sharedBriefly(() => this.backlog.openOrders());
    const outbox = sharedBriefly(() => this.backlog.outbox());
    this.removals.push(
      openOrders.addSource(async () => {
        const totals = new Map<string, { labels: Record<string, string>; value: number }>();
        for (const row of await orders()) {
          const key = `${row.cooperativeId}/${row.status}`;
          const entry = totals.get(key) ?? { labels: { cooperative: row.cooperativeId, status: row.status }, value: 0 };
          entry.value += row.orders;
          totals.set(key, entry);
        }
        return [...totals.values()];
      }),
      ordersNeedingAttention.addSource(async () =>
        (await orders()).filter((row) => row.needsAttention).map((row) => ({ labels: { cooperative: row.cooperativeId }, value: row.orders })),
      ),
      outboxUnpublished.addSource(async () => [{ labels: {}, value: (await outbox()).unpublished }]),
      outboxLag.addSource(async () => [{ labels: {}, value: (await outbox()).oldestAgeSeconds }]),
    );
  }

  onApplicationShutdown(): void {
    for (const remove of this.removals) remove();
  }
}

/** One reading shared by the calls of the next second (the gauges of one scrape). */
function sharedBriefly<T>(read: () => Promise<T>, forMs = 1000): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!last || Date.now() - last.at > forMs) last = { at: Date.now(), value: read() };
    return last.value;
  };
}
