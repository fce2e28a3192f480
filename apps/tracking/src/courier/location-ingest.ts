import { Injectable, Logger } from '@nestjs/common';
import { SHIFT_CLOCK_TOLERANCE_SECONDS } from '@lib/database';
import { CourierPositions, LocationHistoryWriter, parsePositionFix } from '@lib/positions';
import type { LocationAck } from '@lib/wire';
import { PositionFanout } from '../board-feed/position-fanout';
import { locationMessages } from '../tracking-metrics';
import { CourierShifts } from './courier-shifts';
import type { TokenBucket } from './token-bucket';

export interface IngestingCourier {
  cooperativeId: string;
  courierId: string;
  rateLimit: TokenBucket;
}

/**
 * One `location` message from a courier's socket: limited, validated, stored as the live
 * position (acknowledged once Redis has it), queued for the history and for the dispatchers.
 */
@Injectable()
export class LocationIngest {
  private readonly logger = new Logger(LocationIngest.name);

  constructor(
    private readonly shifts: CourierShifts,
    private readonly positions: CourierPositions,
    private readonly history: LocationHistoryWriter,
    private readonly fanout: PositionFanout,
  ) {}

  async accept(courier: IngestingCourier, message: unknown, now = new Date()): Promise<LocationAck> {
    const ack = await this.handle(courier, message, now);
    locationMessages.inc({ result: ack.ok ? 'accepted' : ack.error });
    return ack;
  }

  private async handle({ cooperativeId, courierId, rateLimit }: IngestingCourier, message: unknown, now: Date): Promise<LocationAck> {
    if (!rateLimit.take(now.getTime())) return { ok: false, error: 'rate_limited' };
    const parsed = parsePositionFix(message, now);
    if (!parsed.ok) return { ok: false, error: 'invalid_location', detail: parsed.problems.map((problem) => problem.message).join('; ') };
    try {
      const { fix } = parsed;
      const shiftStart = await this.shifts.shiftStartedAt(cooperativeId, courierId);
      // A point measured before the shift began (a phone's buffer from before work) is the
      // courier's private business: neither live nor in the history. Phones' clocks get a minute.
      if (shiftStart === null || fix.at.getTime() < shiftStart - SHIFT_CLOCK_TOLERANCE_SECONDS * 1000) return { ok: false, error: 'not_on_shift' };
      const isLatest = await this.positions.record(cooperativeId, courierId, fix);
      // The shift may have ended while the fix was being recorded, after the end's removal from
      // the live map ran: remove it again, and store and show nothing.
      if (!(await this.shifts.isOnShift(cooperativeId, courierId))) {
        await this.positions.forget(cooperativeId, courierId);
        return { ok: false, error: 'not_on_shift' };
      }
      this.history.add(cooperativeId, courierId, fix);
      if (isLatest) this.fanout.add(cooperativeId, { courierId, lat: fix.lat, lng: fix.lng, at: fix.at.toISOString() });
      return { ok: true };
    } catch (error) {
      this.logger.error({ err: error, cooperativeId, courierId }, 'location not stored');
      return { ok: false, error: 'unavailable' };
    }
  }
}
