import { Client } from 'pg';
import Redis from 'ioredis';
import { AppConfig, redactUrl } from '@lib/config';

/**
 * Fails fast, with one line naming the store, when PostgreSQL or Redis cannot be reached;
 * otherwise a process would start and then fail every request.
 */
export async function checkStores(config: AppConfig): Promise<void> {
  const timeout = config.env.STORE_CHECK_TIMEOUT_MS;
  await describeFailure('DATABASE_URL', config.env.DATABASE_URL, async () => {
    const client = new Client({ connectionString: config.env.DATABASE_URL, connectionTimeoutMillis: timeout });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  });
  await describeFailure('REDIS_URL', config.env.REDIS_URL, async () => {
    const redis = new Redis(config.env.REDIS_URL, { lazyConnect: true, connectTimeout: timeout, maxRetriesPerRequest: 0, retryStrategy: () => null });
    // ioredis reports the cause (ECONNREFUSED...) as an event and rejects with a generic message.
    let cause: Error | undefined;
    redis.on('error', (error: Error) => (cause ??= error));
    try {
      await redis.connect();
      await redis.ping();
    } catch (error) {
      throw cause ?? error;
    } finally {
      redis.disconnect();
    }
  });
}

async function describeFailure(name: string, url: string, probe: () => Promise<void>): Promise<void> {
  try {
    await probe();
  } catch (error) {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    throw new StoreUnreachableError(`${name} is unreachable (${redactUrl(url)}): ${reason.split('\n')[0]}`);
  }
}

export class StoreUnreachableError extends Error {
  override name = 'StoreUnreachableError';
}
