import { Injectable } from '@nestjs/common';
import { Principal } from '@lib/auth';
import { IdempotencyKeyClaim, OrdersRepository, OrderStop, withDefaultSettings } from '@lib/database';
import { bikeMeters, bikeMinutes } from '@lib/geo';
import { FieldError, ProblemError } from '@lib/http';
import { priceOf } from '@lib/orders';
import { CreateOrderDto, StopDto } from './order.dto';

const MAX_READY_IN_PAST_MS = 60 * 60_000;
const MAX_READY_AHEAD_MS = 7 * 24 * 60 * 60_000;
/** Until live positions inform it, a courier is assumed to reach a pickup in this long. */
const TYPICAL_APPROACH_MINUTES = 8;
const HANDOVER_MINUTES = 2;

/** A validated, priced order that has not been stored: what both quote and create start from. */
export interface OrderDraft {
  merchantId: string;
  pickup: OrderStop;
  dropoff: OrderStop;
  readyAt: Date;
  deliverBy: Date | null;
  parcel: { size: 'S' | 'M' | 'L'; weightKg: number | null };
  reference: string | null;
  price: { amount: number; currency: string };
  distanceMeters: number;
  estimatedPickupAt: Date;
  estimatedDeliveryAt: Date;
}

/** Turns a request into an order draft: whose it is, where, when, at what price; or the reason why not. */
@Injectable()
export class OrderDrafts {
  constructor(private readonly orders: OrdersRepository) {}

  async draft(principal: Principal, input: CreateOrderDto, now = new Date()): Promise<OrderDraft> {
    return (await this.build(principal, input, now))!;
  }

  /**
   * The draft, claiming the idempotency key in the same round trip as the first read; null
   * (before any other check) when the key is taken: the caller replays or refuses.
   */
  draftClaiming(principal: Principal, input: CreateOrderDto, claim: IdempotencyKeyClaim, now = new Date()): Promise<OrderDraft | null> {
    return this.build(principal, input, now, claim);
  }

  private async build(principal: Principal, input: CreateOrderDto, now: Date, claim?: IdempotencyKeyClaim): Promise<OrderDraft | null> {
    const merchantId = this.merchantOf(principal, input);
    const given = input.pickup ? toStop(input.pickup) : null;
    const dropoff = toStop(input.dropoff);
    // The merchant, the co-op's settings and the service-area test in one round trip (issue 20).
    const { keyClaimed, context } = await this.orders.intakeContext(principal.cooperativeId!, merchantId, given?.location ?? null, dropoff.location, claim);
    if (!keyClaimed) return null;
    if (!context) throw ProblemError.invalid([{ field: 'merchantId', message: 'no such merchant in this cooperative' }]);
    const readyAt = input.readyAt ? new Date(input.readyAt) : now;
    const deliverBy = input.deliverBy ? new Date(input.deliverBy) : null;
    this.checkTimes(readyAt, deliverBy, now);

    const { merchant, cooperative } = context;
    const pickup = given ?? { address: merchant.address, location: merchant.location, contactName: merchant.name, phone: merchant.phone, notes: null };
    if (!context.pickupInside || !context.dropoffInside) {
      const which = [!context.pickupInside && 'pickup', !context.dropoffInside && 'dropoff'].filter(Boolean).join(' and ');
      throw ProblemError.unprocessable(`The ${which} location is outside the cooperative's service area`, 'outside_service_area');
    }

    const settings = withDefaultSettings(cooperative.settings);
    const parcel = { size: input.parcel?.size ?? 'S', weightKg: input.parcel?.weightKg ?? null };
    const distanceMeters = bikeMeters(pickup.location, dropoff.location);
    const estimatedPickupAt = new Date(Math.max(readyAt.getTime(), now.getTime() + TYPICAL_APPROACH_MINUTES * 60_000));
    const rideMinutes = bikeMinutes(pickup.location, dropoff.location) + HANDOVER_MINUTES;
    return {
      merchantId,
      pickup,
      dropoff,
      readyAt,
      deliverBy,
      parcel,
      reference: input.reference ?? null,
      price: { amount: priceOf(settings.pricing, distanceMeters, parcel.size), currency: cooperative.currency },
      distanceMeters,
      estimatedPickupAt,
      estimatedDeliveryAt: new Date(estimatedPickupAt.getTime() + Math.round(rideMinutes * 60_000)),
    };
  }

  /** Merchants order for themselves; dispatchers and admins name the merchant. */
  private merchantOf(principal: Principal, input: CreateOrderDto): string {
    if (principal.role === 'merchant') {
      if (input.merchantId && input.merchantId !== principal.merchantId) {
        throw ProblemError.invalid([{ field: 'merchantId', message: 'merchants order for themselves only' }]);
      }
      return principal.merchantId!;
    }
    if (!input.merchantId) throw ProblemError.invalid([{ field: 'merchantId', message: 'merchantId is required when ordering for a merchant' }]);
    return input.merchantId;
  }

  private checkTimes(readyAt: Date, deliverBy: Date | null, now: Date): void {
    const errors: FieldError[] = [];
    if (readyAt.getTime() < now.getTime() - MAX_READY_IN_PAST_MS) errors.push({ field: 'readyAt', message: 'readyAt is more than an hour in the past' });
    if (readyAt.getTime() > now.getTime() + MAX_READY_AHEAD_MS) errors.push({ field: 'readyAt', message: 'readyAt is more than 7 days ahead' });
    if (deliverBy && deliverBy <= readyAt) errors.push({ field: 'deliverBy', message: 'deliverBy must be after readyAt' });
    if (deliverBy && deliverBy <= now) errors.push({ field: 'deliverBy', message: 'deliverBy is in the past' });
    if (errors.length) throw ProblemError.invalid(errors);
  }
}

function toStop(stop: StopDto): OrderStop {
  return { address: stop.address, location: { lat: stop.location.lat, lng: stop.location.lng }, contactName: stop.contactName ?? null, phone: stop.phone ?? null, notes: stop.notes ?? null };
}
