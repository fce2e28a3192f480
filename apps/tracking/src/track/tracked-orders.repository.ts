import { Injectable } from '@nestjs/common';
import { Transactions } from '@lib/database';
import type { OrderStatus } from '@lib/wire';

export interface TrackedOrder {
  id: string;
  cooperativeId: string;
  status: OrderStatus;
  courierId: string | null;
  /** The holder's co-op (a partner co-op's when it carries the order), whose live positions it is kept under. */
  courierCooperativeId: string | null;
}

/**
 * The order behind a tracking token. The customer has no tenant, so the lookup is the
 * SECURITY DEFINER function `tracking_find_order`, which returns one narrow row.
 */
@Injectable()
export class TrackedOrdersRepository {
  constructor(private readonly transactions: Transactions) {}

  async findByToken(token: string): Promise<TrackedOrder | null> {
    const [row] = await (await this.transactions.manager()).query(
      `SELECT id, cooperative_id AS "cooperativeId", status, courier_id AS "courierId", courier_cooperative_id AS "courierCooperativeId" FROM tracking_find_order($1)`,
      [token],
    );
    return row ?? null;
  }
}
