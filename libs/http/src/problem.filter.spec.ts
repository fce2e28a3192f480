import type { ArgumentsHost } from '@nestjs/common';
import { ProblemError } from './problem';
import { ProblemFilter } from './problem.filter';

/** The response the filter writes, captured. */
function respond(exception: unknown) {
  const headers: Record<string, string> = {};
  const sent: { status?: number; type?: string; body?: string } = {};
  const response = {
    getHeader: (name: string) => headers[name.toLowerCase()],
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(value: string) {
      sent.type = value;
      return this;
    },
    send(body: string) {
      sent.body = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ headers: {} }), getResponse: () => response }) } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return { ...sent, headers, problem: JSON.parse(sent.body!) };
}

describe('ProblemFilter', () => {
  it('answers a pool that gave no connection in time with 503 and Retry-After, not 500', () => {
    const { status, headers, problem, type } = respond(new Error('timeout exceeded when trying to connect'));
    expect(status).toBe(503);
    expect(type).toBe('application/problem+json');
    expect(Number(headers['retry-after'])).toBeGreaterThan(0);
    expect(problem).toMatchObject({ status: 503, code: 'busy' });
  });

  it('sends the Retry-After a problem names', () => {
    const { status, headers, problem } = respond(ProblemError.tooManyRequests('slow down', 42, 'too_many_failed_logins'));
    expect(status).toBe(429);
    expect(headers['retry-after']).toBe('42');
    expect(problem.code).toBe('too_many_failed_logins');
  });

  it('still answers an unknown failure 500 without Retry-After', () => {
    const { status, headers } = respond(new Error('boom'));
    expect(status).toBe(500);
    expect(headers['retry-after']).toBeUndefined();
  });
});
