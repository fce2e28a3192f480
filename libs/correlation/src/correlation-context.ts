import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The correlation id of the work in hand: an HTTP request, or a job one caused. It lives in
 * async context, so the logs, the outbox rows, the jobs and the webhook deliveries of that work
 * carry it without every function passing it on.
 */
const storage = new AsyncLocalStorage<string>();

/** What we accept from a caller: long enough to be unique-ish, short and plain enough to log and echo safely. */
const sane = /^[A-Za-z0-9._:-]{8,128}$/;

/** `value` when it is a correlation id we can take from outside (a header, a job), else undefined. */
export function saneCorrelationId(value: unknown): string | undefined {
  return typeof value === 'string' && sane.test(value) ? value : undefined;
}

export function newCorrelationId(): string {
  return randomUUID();
}

/** The correlation id of the work in hand, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore();
}

/** Runs `work` (and everything it starts) under `correlationId`. */
export function withCorrelationId<T>(correlationId: string, work: () => T): T {
  return storage.run(correlationId, work);
}
