import type { BuiltProcess, Exit } from '../../reliability/support/processes';

export interface Drain {
  /** From SIGTERM to the first `/health/ready` that was not 200. */
  unreadyAfterMs?: number;
  /** From SIGTERM to the last request the process still answered (`/health`) after it went unready. */
  servedUntilMs?: number;
  /** From SIGTERM to the first refused connection. */
  refusedAfterMs?: number;
  exit: Exit;
}

const POLL_MS = 25;

/**
 * Sends SIGTERM and watches the process stop from outside, as a load balancer would: readiness
 * and liveness polled every 25 ms until connections are refused, then the exit.
 */
export async function stopAndWatch(instance: BuiltProcess): Promise<Drain> {
  const url = instance.url;
  const signalledAt = Date.now();
  instance.signal('SIGTERM');
  const drain: Partial<Drain> = {};
  const status = (path: string) =>
    fetch(`${url}${path}`, { signal: AbortSignal.timeout(1000), headers: { Connection: 'close' } }).then(
      (response) => response.status,
      () => 0,
    );
  while (instance.running) {
    const [ready, live] = await Promise.all([status('/health/ready'), status('/health')]);
    const since = Date.now() - signalledAt;
    if (ready !== 200 && drain.unreadyAfterMs === undefined) drain.unreadyAfterMs = since;
    if (live === 200 && drain.unreadyAfterMs !== undefined) drain.servedUntilMs = since;
    if (ready === 0 && live === 0) {
      drain.refusedAfterMs ??= since;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return { ...drain, exit: await instance.waitForExit(15_000) };
}
