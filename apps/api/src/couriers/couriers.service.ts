import { Injectable } from '@nestjs/common';
import { CouriersRepository, PageRequest, UsersRepository } from '@lib/database';
import { ProblemError } from '@lib/http';
import { Principal } from '@lib/auth';
import { CreateCourierDto, UpdateCourierDto } from './courier.dto';

@Injectable()
export class CouriersService {
  constructor(
    private readonly couriers: CouriersRepository,
    private readonly users: UsersRepository,
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

  async setShift(principal: Principal, onShift: boolean) {
    const { id } = await this.mine(principal);
    return (await this.couriers.setShift(id, onShift))!;
  }

  async list(page: PageRequest, onShift?: boolean) {
    const result = await this.couriers.list(page, { onShift });
    const names = await this.couriers.namesOf(result.items.map((courier) => courier.id));
    return { ...result, names };
  }
}
