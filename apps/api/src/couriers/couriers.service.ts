import { Injectable } from '@nestjs/common';
import { CouriersRepository, OrdersRepository, PageRequest, Transactions, UsersRepository } from '@lib/database';
import { DispatchTrigger } from '@lib/dispatch';
import { RealtimePublisher } from '@lib/realtime';
import { ProblemError } from '@lib/http';
import { Principal } from '@lib/auth';
import { CreateCourierDto, UpdateCourierDto } from './courier.dto';

@Injectable()
export class CouriersService {
  constructor(
    private readonly couriers: CouriersRepository,
    private readonly users: UsersRepository,
    private readonly orders: OrdersRepository,
    private readonly dispatch: DispatchTrigger,
    private readonly realtime: RealtimePublisher,
    private readonly transactions: Transactions,
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
   * Starts or ends a shift. Dispatchers see it live; the gateways start or stop tracking the
   * courier; a courier coming on shift may be what waiting orders were waiting for.
   */
  async setShift(principal: Principal, onShift: boolean) {
    const { id, onShift: wasOnShift } = await this.mine(principal);
    const courier = (await this.couriers.setShift(id, onShift))!;
    if (onShift && !wasOnShift) await this.dispatch.request('courier_on_shift');
    const busy = await this.orders.holdsAny(id);
    this.transactions.afterCommit(() =>
      this.realtime.toCooperative(courier.cooperativeId).emit('courier.status', {
        courierId: id,
        name: principal.name,
        onShift,
        status: !onShift ? 'offline' : busy ? 'busy' : 'available',
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
