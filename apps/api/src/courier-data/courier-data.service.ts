import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import type { Principal } from '@lib/auth';
import { CourierDataRepository, CourierLocationRow, CourierLocationsRepository, CouriersRepository } from '@lib/database';
import { ProblemError } from '@lib/http';
import { writeChunk, writeJsonArray } from './json-stream';

/** Positions per query while streaming the history: a page is a few hundred kilobytes of JSON. */
export const POSITIONS_PAGE = 5000;

/**
 * Everything stored about the calling courier, written as one JSON document: profile, shifts,
 * jobs and offers first (bounded by a courier's working life), then the position history,
 * streamed page by page so that months of points never sit in memory.
 */
@Injectable()
export class CourierData {
  constructor(
    private readonly couriers: CouriersRepository,
    private readonly data: CourierDataRepository,
    private readonly locations: CourierLocationsRepository,
  ) {}

  /** The courier's id, or 404 when the caller has no courier profile (checked before any byte is sent). */
  async courierIdOf(principal: Principal): Promise<string> {
    const courier = principal.courierId ? await this.couriers.findById(principal.courierId) : await this.couriers.findByUserId(principal.userId ?? '');
    if (!courier) throw ProblemError.notFound('Courier profile');
    return courier.id;
  }

  async write(courierId: string, out: Writable, now = new Date()): Promise<void> {
    const [profile, shifts, jobs, offers] = [
      await this.data.profile(courierId),
      await this.data.shifts(courierId),
      await this.data.jobs(courierId),
      await this.data.offers(courierId),
    ];
    const head = { exportedAt: now.toISOString(), profile, shifts, jobs, offers };
    // The document is the head's fields, then `positions`: the head is closed by hand before it.
    await writeChunk(out, `${JSON.stringify(head).slice(0, -1)},"positions":`);
    await writeJsonArray(out, this.positionPages(courierId), presentPosition);
    await writeChunk(out, '}');
  }

  private async *positionPages(courierId: string): AsyncIterable<CourierLocationRow[]> {
    let after: Date | null = null;
    for (;;) {
      const page = await this.locations.pageForCourier(courierId, after, POSITIONS_PAGE);
      yield page;
      if (page.length < POSITIONS_PAGE) return;
      after = page[page.length - 1].recordedAt;
    }
  }
}

function presentPosition(row: CourierLocationRow) {
  return { at: row.recordedAt.toISOString(), lat: row.lat, lng: row.lng, accuracy: row.accuracy, heading: row.heading, speed: row.speed };
}
