import { Injectable, Logger } from '@nestjs/common';
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
      if (!(await this.shifts.isOnShift(cooperativeId, courierId))) return { ok: false, error: 'not_on_shift' };
      const { fix } = parsed;
      const isLatest = await this.positions.record(cooperativeId, courierId, fix);
      this.history.add(cooperativeId, courierId, fix);
      if (isLatest) this.fanout.add(cooperativeId, { courierId, lat: fix.lat, lng: fix.lng, at: fix.at.toISOString() });
      return { ok: true };
    } catch (error) {
      this.logger.error({ err: error, cooperativeId, courierId }, 'location not stored');
      return { ok: false, error: 'unavailable' };
    }
  }
}
