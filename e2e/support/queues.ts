import { Queue } from 'bullmq';
import { queues, QueueKey, redisOptions } from '@lib/queues';
import { eventually } from './eventually';
import type { TestSystem } from './system';

/** Job states that mean "not processed yet". */
const UNFINISHED = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

/**
 * Waits until the work the system was given has been done: every due outbox event relayed to
 * its queue (the relay adds the job before it marks the event published), then nothing left
 * waiting, running or delayed on `names`. For a test that must know a job ran before it
 * checks that something did not happen; state a job leaves behind is still awaited with
 * `eventually`.
 */
export async function queuesDrained(system: TestSystem, names: QueueKey[] = ['dispatch'], timeoutMs = 15_000): Promise<void> {
  await eventually(
    'the outbox to be relayed',
    async () => (await system.sql<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND available_at <= now()`))[0].n === 0,
    timeoutMs,
  );
  const config = system.apiApp.config;
  const open = names.map((name) => new Queue(queues[name].name, { connection: redisOptions(config, 'test-drain') as never, prefix: `${config.env.REDIS_PREFIX}:q` }));
  try {
    await eventually(
      `${names.join(', ')} to drain`,
      async () => {
        for (const queue of open) {
          const counts = await queue.getJobCounts(...UNFINISHED);
          if (Object.values(counts).some((count) => count > 0)) return false;
        }
        return true;
      },
      timeoutMs,
    );
  } finally {
    await Promise.all(open.map((queue) => queue.close()));
  }
}
