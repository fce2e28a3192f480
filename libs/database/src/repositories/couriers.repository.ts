import { Injectable } from '@nestjs/common';
import { CourierEntity, UserEntity } from '../entities';
import { Transactions } from '../transactions';
import { Page, PageRequest, paginate } from './page';

export type CourierWithUser = CourierEntity & { user: Pick<UserEntity, 'id' | 'name' | 'email' | 'phone'> };

/** Couriers of the current cooperative. */
@Injectable()
export class CouriersRepository {
  constructor(private readonly transactions: Transactions) {}

  private async repository() {
    return (await this.transactions.manager()).getRepository(CourierEntity);
  }

  async create(values: Pick<CourierEntity, 'userId' | 'vehicle' | 'capacity'>): Promise<CourierEntity> {
    const repository = await this.repository();
    const { id } = await repository.save(repository.create(values));
    return (await this.findById(id))!;
  }

  async findById(id: string): Promise<CourierEntity | null> {
    return (await this.repository()).findOneBy({ id });
  }

  async findByUserId(userId: string): Promise<CourierEntity | null> {
    return (await this.repository()).findOneBy({ userId });
  }

  async update(id: string, values: Partial<Pick<CourierEntity, 'vehicle' | 'capacity'>>): Promise<CourierEntity | null> {
    const result = await (await this.repository()).update({ id }, values);
    return result.affected ? this.findById(id) : null;
  }

  /**
   * Starts a shift (or, already on shift, changes its planned end) and opens its row in the
   * shift log; returns the courier, or null when it is not in this cooperative.
   */
  async startShift(id: string, endsAt: Date | null): Promise<CourierEntity | null> {
    const updated = await this.transactions.rows(
      `UPDATE couriers SET on_shift = true, shift_started_at = coalesce(shift_started_at, now()), shift_ends_at = $2, updated_at = now()
       WHERE id = $1 RETURNING id`,
      [id, endsAt],
    );
    if (!updated.length) return null;
    await this.transactions.rows(
      `INSERT INTO courier_shifts (courier_id, started_at) SELECT id, shift_started_at FROM couriers WHERE id = $1
       ON CONFLICT (courier_id) WHERE ended_at IS NULL DO NOTHING`,
      [id],
    );
    return this.findById(id);
  }

  /** Ends the shift and closes its row in the shift log; null when not in this cooperative. */
  async endShift(id: string): Promise<CourierEntity | null> {
    const updated = await this.transactions.rows(
      `UPDATE couriers SET on_shift = false, shift_started_at = NULL, shift_ends_at = NULL, updated_at = now() WHERE id = $1 RETURNING id`,
      [id],
    );
    if (!updated.length) return null;
    await this.transactions.rows(`UPDATE courier_shifts SET ended_at = greatest(now(), started_at) WHERE courier_id = $1 AND ended_at IS NULL`, [id]);
    return this.findById(id);
  }

  async list(page: PageRequest, filter: { onShift?: boolean } = {}): Promise<Page<CourierEntity>> {
    const query = (await this.repository()).createQueryBuilder('c');
    if (filter.onShift !== undefined) query.where('c.on_shift = :onShift', { onShift: filter.onShift });
    return paginate(query, 'c', page);
  }

  /** Couriers on shift or holding an order, with their names (the dispatch board). */
  async working(): Promise<(CourierEntity & { name: string })[]> {
    const rows: (CourierEntity & { name: string })[] = await (await this.repository())
      .createQueryBuilder('c')
      .innerJoin(UserEntity, 'u', 'u.id = c.user_id')
      .addSelect('u.name', 'name')
      .where(`c.on_shift OR EXISTS (SELECT 1 FROM orders o WHERE o.courier_id = c.id AND o.status IN ('assigned', 'picked_up'))`)
      .getRawAndEntities()
      .then(({ raw, entities }) => entities.map((entity, index) => Object.assign(entity, { name: raw[index].name as string })));
    return rows;
  }

  /** Display names for couriers, in one query. */
  async namesOf(courierIds: string[]): Promise<Map<string, string>> {
    if (!courierIds.length) return new Map();
    const rows: { id: string; name: string }[] = await (await this.transactions.manager()).query(
      `SELECT c.id, u.name FROM couriers c JOIN users u ON u.id = c.user_id WHERE c.id = ANY($1::uuid[])`,
      [courierIds],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
