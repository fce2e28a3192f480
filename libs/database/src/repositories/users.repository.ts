import { Injectable } from '@nestjs/common';
import { UserEntity } from '../entities';
import { Transactions } from '../transactions';
import { Page, PageRequest, paginate } from './page';

/** Users of the current cooperative (row-level security hides all others). */
@Injectable()
export class UsersRepository {
  constructor(private readonly transactions: Transactions) {}

  private async repository() {
    return (await this.transactions.manager()).getRepository(UserEntity);
  }

  async create(values: Pick<UserEntity, 'email' | 'passwordHash' | 'name' | 'role' | 'phone' | 'merchantId'>): Promise<UserEntity> {
    const repository = await this.repository();
    const { id } = await repository.save(repository.create(values));
    return (await this.findById(id))!;
  }

  async findById(id: string): Promise<UserEntity | null> {
    return (await this.repository()).findOneBy({ id });
  }

  async update(id: string, values: Partial<Pick<UserEntity, 'name' | 'phone' | 'passwordHash'>>): Promise<UserEntity | null> {
    const result = await (await this.repository()).update({ id }, values);
    return result.affected ? this.findById(id) : null;
  }

  async list(page: PageRequest, filter: { role?: UserEntity['role'] } = {}): Promise<Page<UserEntity>> {
    const query = (await this.repository()).createQueryBuilder('u');
    if (filter.role) query.where('u.role = :role', { role: filter.role });
    return paginate(query, 'u', page);
  }
}
