import { BeforeApplicationShutdown, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { CourierLocationRow, CourierLocationsRepository, Transactions } from '@lib/database';
import { counter } from '@lib/observability';
import type { PositionFix } from './position-fix';

/** How often buffered points go to PostgreSQL; a full buffer goes at once. */
export const HISTORY_FLUSH_INTERVAL_MS = 1000;
export const HISTORY_FLUSH_AT_ROWS = 1000;
/** While PostgreSQL is down points wait in memory, up to this many; newer ones are then dropped. */
export const HISTORY_MAX_BUFFERED_ROWS = 50_000;

const historyRows = counter('courier_location_history_rows_total', 'Courier positions for the history, by outcome', ['outcome']);

/**
 * Writes the position history off the hot path: the gateway acknowledges a courier's
 * position once it is in Redis, and the point joins a buffer flushed every second, one
 * multi-row insert per cooperative inside that cooperative's tenant transaction.
 */
@Injectable()
export class LocationHistoryWriter implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(LocationHistoryWriter.name);
  private pending = new Map<string, CourierLocationRow[]>();
  private pendingRows = 0;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly transactions: Transactions,
    private readonly locations: CourierLocationsRepository,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), HISTORY_FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Before the database pool closes, write what is left. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  add(cooperativeId: string, courierId: string, fix: PositionFix): void {
    if (this.pendingRows >= HISTORY_MAX_BUFFERED_ROWS) {
      historyRows.inc({ outcome: 'dropped' });
      return;
    }
    const row: CourierLocationRow = { courierId, lat: fix.lat, lng: fix.lng, recordedAt: fix.at, accuracy: fix.accuracy, heading: fix.heading, speed: fix.speed };
    const rows = this.pending.get(cooperativeId);
    if (rows) rows.push(row);
    else this.pending.set(cooperativeId, [row]);
    this.pendingRows += 1;
    if (this.pendingRows >= HISTORY_FLUSH_AT_ROWS) void this.flush();
  }

  /** Writes everything buffered so far; one flush at a time (a caller during one waits for it, then runs its own). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (!this.pendingRows) return;
    this.running = this.writeBuffered().finally(() => (this.running = null));
    await this.running;
  }

  private async writeBuffered(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    this.pendingRows = 0;
    for (const [cooperativeId, rows] of batch) {
      try {
        await this.transactions.inTenant(cooperativeId, () => this.locations.insertMany(rows));
        historyRows.inc({ outcome: 'written' }, rows.length);
      } catch (error) {
        if (isRefusedData(error)) await this.writeOneByOne(cooperativeId, rows);
        else {
          this.logger.warn({ err: error, cooperativeId, rows: rows.length }, 'position history not written; retrying with the next flush');
          this.requeue(cooperativeId, rows);
        }
      }
    }
  }

  /**
   * PostgreSQL refused the batch for what a row holds (a value out of range, a courier that no
   * longer exists): retrying the same batch would fail forever and hold back the co-op's whole
   * history. Each row goes on its own; the ones refused are set aside and counted.
   */
  private async writeOneByOne(cooperativeId: string, rows: CourierLocationRow[]): Promise<void> {
    for (const row of rows) {
      try {
        await this.transactions.inTenant(cooperativeId, () => this.locations.insertMany([row]));
        historyRows.inc({ outcome: 'written' });
      } catch (error) {
        if (!isRefusedData(error)) {
          this.requeue(cooperativeId, [row]);
          continue;
        }
        historyRows.inc({ outcome: 'refused' });
        this.logger.warn({ err: error, cooperativeId, courierId: row.courierId }, 'position refused by the database; set aside');
      }
    }
  }

  private requeue(cooperativeId: string, rows: CourierLocationRow[]): void {
    const room = Math.max(0, HISTORY_MAX_BUFFERED_ROWS - this.pendingRows);
    const kept = rows.slice(0, room);
    if (kept.length < rows.length) historyRows.inc({ outcome: 'dropped' }, rows.length - kept.length);
    if (!kept.length) return;
    this.pending.set(cooperativeId, [...kept, ...(this.pending.get(cooperativeId) ?? [])]);
    this.pendingRows += kept.length;
  }
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the row itself is the problem. */
function isRefusedData(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string }; code?: string })?.driverError?.code ?? (error as { code?: string })?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
