/** A process a test or bench started: where it answers, whether it still runs, what it wrote. */
export interface StartedProcess {
  readonly name: string;
  readonly url: string;
  readonly running: boolean;
  output(): string;
}

/** Waits until the process's `/health/ready` answers 200; fails with its output if it exits first or takes longer than `timeoutMs`. */
export async function waitUntilReady(started: StartedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!started.running) throw new Error(`${started.name} exited before it was ready\n${started.output()}`);
    const status = await fetch(`${started.url}/health/ready`, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${started.name} was not ready within ${timeoutMs} ms\n${started.output()}`);
}
