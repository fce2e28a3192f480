import { Injectable } from '@nestjs/common';
import type { Principal } from '@lib/auth';
import { CourierLocationsRepository, CouriersRepository, Transactions } from '@lib/database';
import { ProblemError } from '@lib/http';
import { CourierPositions, parsePositionFix, PositionFix } from '@lib/positions';
import { RealtimePublisher } from '@lib/realtime';
import type { LocationBatchResultDto, RefusedPoint } from './location-batch.dto';
import { orderPoints } from './order-points';

/** A point older than this does not move the courier on the dispatchers' map. */
const LIVE_WITHIN_MS = 120_000;

/**
 * Points a courier's phone buffered while offline. Same rules as the socket: invalid points
 * are refused and never stored. The history is written in the request's transaction (the
 * 200 means stored); the newest point also becomes the live position if nothing newer is known.
 */
@Injectable()
export class LocationsService {
  constructor(
    private readonly couriers: CouriersRepository,
    private readonly locations: CourierLocationsRepository,
    private readonly positions: CourierPositions,
    private readonly publisher: RealtimePublisher,
    private readonly transactions: Transactions,
  ) {}

  async ingest(principal: Principal, points: unknown[], now = new Date()): Promise<LocationBatchResultDto> {
    const { valid, refused } = parseAll(points, now);
    if (!valid.length) throw ProblemError.invalid(refused.flatMap(({ errors }) => errors), 'No point of the batch is valid; nothing was stored');

    // A token issued before the courier profile existed carries no courier id: find it by user.
    const courier = principal.courierId
      ? await this.couriers.findById(principal.courierId)
      : await this.couriers.findByUserId(principal.userId ?? '');
    if (!courier) throw ProblemError.notFound('Courier profile');
    // Read again under a share lock: a shift ending concurrently waits until these points are
    // stored and the live position set, and its removal from the live map then comes after.
    const shift = await this.couriers.shiftHeld(courier.id);
    if (!shift?.onShift || !shift.shiftStartedAt) throw ProblemError.conflict('Positions are only recorded during a shift', 'not_on_shift');

    const shiftStart = shift.shiftStartedAt.getTime();
    const ordered = orderPoints(valid);
    const inShift = ordered.filter((fix) => fix.at.getTime() >= shiftStart);
    const stored = await this.locations.insertMany(inShift.map((fix) => ({ courierId: courier.id, ...fix, recordedAt: fix.at })));
    await this.updateLivePosition(courier.cooperativeId, courier.id, inShift[inShift.length - 1], now);
    const duplicates = valid.length - ordered.length + (inShift.length - stored);
    return { stored, duplicates, outsideShift: ordered.length - inShift.length, refused };
  }

  private async updateLivePosition(cooperativeId: string, courierId: string, latest: PositionFix | undefined, now: Date): Promise<void> {
    if (!latest || latest.at.getTime() < now.getTime() - LIVE_WITHIN_MS) return;
    if (!(await this.positions.record(cooperativeId, courierId, latest))) return;
    const position = { courierId, lat: latest.lat, lng: latest.lng, at: latest.at.toISOString() };
    this.transactions.afterCommit(() => this.publisher.courierPositions(cooperativeId, [position]));
  }
}

function parseAll(points: unknown[], now: Date): { valid: PositionFix[]; refused: RefusedPoint[] } {
  const valid: PositionFix[] = [];
  const refused: RefusedPoint[] = [];
  points.forEach((point, index) => {
    const parsed = parsePositionFix(point, now);
    if (parsed.ok) valid.push(parsed.fix);
    else refused.push({ index, errors: parsed.problems.map(({ field, message }) => ({ field: `points.${index}${field ? `.${field}` : ''}`, message })) });
  });
  return { valid, refused };
}
