import { Injectable } from '@nestjs/common';
import { CouriersRepository, OrdersRepository, PageRequest, Transactions, UsersRepository } from '@lib/database';
import { DispatchTrigger } from '@lib/dispatch';
import { CourierPositions } from '@lib/positions';
import { RealtimePublisher } from '@lib/realtime';
import { ProblemError } from '@lib/http';
import { Principal } from '@lib/auth';
import { CreateCourierDto, ShiftDto, UpdateCourierDto } from './courier.dto';

/** Longer than any shift a co-op runs, short enough to catch a date typed a day off. */
const MAX_PLANNED_SHIFT_MS = 16 * 3_600_000;

@Injectable()
export class CouriersService {
  constructor(
    private readonly couriers: CouriersRepository,
    private readonly users: UsersRepository,
    private readonly orders: OrdersRepository,
    private readonly dispatch: DispatchTrigger,
    private readonly realtime: RealtimePublisher,
    private readonly transactions: Transactions,
    private readonly positions: CourierPositions,
  ) {}

  async create(input: CreateCourierDto) {
    const user = await this.users.findById(input.userId);
    if (!user) throw ProblemError.invalid([{ field: 'userId', message: 'no such user in this cooperative' }]);
    if (user.role !== 'courier') throw ProblemError.invalid([{ field: 'userId', message: 'the user must have role courier' }]);
    if (await this.couriers.findByUserId(user.id)) throw ProblemError.conflict('This user already has a courier profile', 'courier_exists');
    return { courier: await this.couriers.create(input), name: user.name };
  }

  async get(id: string) {
    const courier = await this.couriers.findById(id);
    if (!courier) throw ProblemError.notFound('Courier');
    return courier;
  }

  async update(id: string, input: UpdateCourierDto) {
    const courier = await this.couriers.update(id, input);
    if (!courier) throw ProblemError.notFound('Courier');
    return courier;
  }

  /** The caller's own courier profile (the token may predate the profile, so fall back to the user). */
  async mine(principal: Principal) {
    const courier = principal.courierId
      ? await this.couriers.findById(principal.courierId)
      : await this.couriers.findByUserId(principal.userId ?? '');
    if (!courier) throw ProblemError.notFound('Courier profile');
    return courier;
  }

  /**
   * Starts or ends a shift, or changes its planned end. Dispatchers see it live; the gateways
   * start or stop tracking the courier; a courier coming on shift (or staying longer) may be
   * what waiting orders were waiting for.
   */
  async setShift(principal: Principal, { onShift, until }: ShiftDto) {
    const { id } = await this.mine(principal);
    return this.changeShift(id, principal.name, onShift, plannedEnd(onShift, until));
  }

  /** Ends a courier's shift on the co-op's behalf (its member was deactivated); a no-op when off shift. */
  async endShiftOf(courierId: string, name: string): Promise<void> {
    const courier = await this.couriers.findById(courierId);
    if (courier?.onShift) await this.changeShift(courierId, name, false, null);
  }

  private async changeShift(id: string, name: string, onShift: boolean, endsAt: Date | null) {
    const courier = onShift ? (await this.couriers.startShift(id, endsAt))! : (await this.couriers.endShift(id))!;
    if (onShift) await this.dispatch.request('courier_on_shift');
    const busy = await this.orders.holdsAny(id);
    // Off shift, off the live map: here, not only in the gateways (which may be down or miss the notice).
    if (!onShift) this.transactions.afterCommit(() => this.positions.forget(courier.cooperativeId, id));
    this.transactions.afterCommit(() =>
      this.realtime.toCooperative(courier.cooperativeId).emit('courier.status', {
        courierId: id,
        name,
        onShift,
        status: !onShift ? 'offline' : busy ? 'busy' : 'available',
        shiftEndsAt: courier.shiftEndsAt?.toISOString() ?? null,
      }),
    );
    return courier;
  }

  async list(page: PageRequest, onShift?: boolean) {
    const result = await this.couriers.list(page, { onShift });
    const names = await this.couriers.namesOf(result.items.map((courier) => courier.id));
    return { ...result, names };
  }
}

function plannedEnd(onShift: boolean, until: string | undefined): Date | null {
  if (until === undefined) return null;
  if (!onShift) throw ProblemError.invalid([{ field: 'until', message: 'until plans the end of a shift being started or kept; leave it out to end one' }]);
  const endsAt = new Date(until);
  const ahead = endsAt.getTime() - Date.now();
  if (ahead <= 0) throw ProblemError.invalid([{ field: 'until', message: 'until must be in the future' }]);
  if (ahead > MAX_PLANNED_SHIFT_MS) throw ProblemError.invalid([{ field: 'until', message: 'until must be within 16 hours' }]);
  return endsAt;
}
