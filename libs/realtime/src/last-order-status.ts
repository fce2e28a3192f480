import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { redisKey } from '@lib/queues';
import type { OrderStatusNotice } from './events';

/** Long enough to outlive any delivery; the key then disappears on its own. */
const KEEP_SECONDS = 2 * 24 * 3600;

const keyOf = (config: AppConfig, orderId: string) => redisKey(config, 'track', 'status', orderId);

/**
 * The last status published for an order, so a customer opening the tracking page gets the
 * ETA the API last computed (the database has the status, not the estimate).
 */
export function saveLastOrderStatus(redis: Redis, config: AppConfig, notice: OrderStatusNotice): Promise<unknown> {
  return redis.set(keyOf(config, notice.orderId), JSON.stringify(notice), 'EX', KEEP_SECONDS);
}

export async function readLastOrderStatus(redis: Redis, config: AppConfig, orderId: string): Promise<OrderStatusNotice | null> {
  const stored = await redis.get(keyOf(config, orderId));
  return stored ? (JSON.parse(stored) as OrderStatusNotice) : null;
}
