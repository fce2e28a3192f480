import { AppConfig } from '@lib/config';
import { redisKey } from '@lib/queues';

/**
 * The Redis channel prefix shared by the gateways' adapter and the publishers' emitter. It
 * carries REDIS_PREFIX, so deployments (and test runs) sharing one Redis never hear each other.
 */
export function socketIoKey(config: AppConfig): string {
  return redisKey(config, 'socket.io');
}
