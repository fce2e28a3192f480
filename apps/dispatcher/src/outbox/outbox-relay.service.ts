import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '@lib/config';
import { OutboxRepository } from '@lib/database';
import { counter } from '@lib/observability';
import { OutboxPublisher } from './outbox-publisher';

const BATCH_SIZE = 100;
const POLL_INTERVAL_MS = 1000;
/** How long a stopping relay lets the pass in flight finish; an unfinished pass is rolled back and redone by another relay. */
const STOP_WAIT_MS = 3000;
const relayed = counter('outbox_events_relayed_total', 'Outbox events published to the queues');
const relayFailures = counter('outbox_publish_failures_total', 'Outbox publish attempts that failed (Redis away)');

/**
 * Publishes committed outbox events to the queues. Woken at once by PostgreSQL's NOTIFY
 * when an event commits, and polling as a fallback; several relays share the work through
 * SKIP LOCKED. When Redis is away, events stay in PostgreSQL and go out once it is back.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly publisher: OutboxPublisher,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => void this.drain(), POLL_INTERVAL_MS);
    void this.drain();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.listener?.end().catch(() => undefined);
    const deadline = Date.now() + STOP_WAIT_MS;
    while (this.running && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    if (this.running) this.logger.warn('stopping with an outbox pass unfinished; its events stay in the outbox for the next relay');
  }

  /** Publishes until the outbox has nothing due; concurrent wake-ups fold into one more pass. */
  async drain(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        while (!this.stopped && (await this.relayBatch()) === BATCH_SIZE);
      } while (this.again && !this.stopped);
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox relay pass failed; retrying on the next tick');
    } finally {
      this.running = false;
    }
  }

  private relayBatch(): Promise<number> {
    return this.outbox.relayBatch(BATCH_SIZE, async (events) => {
      const published: string[] = [];
      const failed: string[] = [];
      let error: string | undefined;
      for (const event of events) {
        // After one failure (Redis away), the rest of the batch waits too instead of timing out one by one.
        if (error) {
          failed.push(event.id);
          continue;
        }
        try {
          await this.publisher.publish(event);
          published.push(event.id);
        } catch (cause) {
          failed.push(event.id);
          error = cause instanceof Error ? cause.message : String(cause);
        }
      }
      relayed.inc(published.length);
      if (failed.length) relayFailures.inc(failed.length);
      return { published, failed, error };
    });
  }

  private async listen(): Promise<void> {
    this.listener = new Client({ connectionString: this.config.env.DATABASE_URL, options: `-c role=${this.config.env.DATABASE_APP_ROLE}` });
    this.listener.on('notification', () => void this.drain());
    this.listener.on('error', (error) => this.logger.warn({ err: error }, 'outbox listener lost; polling continues'));
    await this.listener.connect();
    await this.listener.query('LISTEN outbox');
  }
}
