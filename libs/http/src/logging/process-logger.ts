import pino, { DestinationStream, Logger } from 'pino';
import { currentCorrelationId } from '@lib/correlation';

/** Never logged: credentials in headers and bodies, whatever the route. */
const redactedPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.token',
  '*.secret',
  '*.key',
];

export interface ProcessLoggerOptions {
  /** `api`, `dispatcher` or `tracking`: the `name` of every line. */
  name: string;
  level: string;
  /** Where lines go; standard output when absent (tests pass a sink). */
  destination?: DestinationStream;
}

/**
 * The process's one JSON logger. Every line written while some work is in hand (a request, a
 * job) carries that work's `correlationId`, whichever logger wrote it: Nest's, pino-http's or
 * a child.
 */
export function createProcessLogger({ name, level, destination }: ProcessLoggerOptions): Logger {
  return pino(
    {
      name,
      level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
    },
    destination,
  );
}
