/**
 * Polls `read` until `accept` holds, for state written off the request path (the history is
 * flushed every second, a shift notice is applied asynchronously). Fails with the last value
 * after the deadline; never used to assert that something did not happen.
 */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
