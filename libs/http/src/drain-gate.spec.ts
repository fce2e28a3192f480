import type { NextFunction, Request, Response } from 'express';
import { drainGate } from './drain-gate';

function answer(path: string, draining: boolean) {
  const response = { headers: {} as Record<string, string>, code: 200, body: undefined as unknown };
  const res = {
    setHeader: (name: string, value: string) => (response.headers[name] = value),
    status: (code: number) => ((response.code = code), res),
    json: (body: unknown) => (response.body = body),
  } as unknown as Response;
  let passedOn = false;
  drainGate(() => draining)({ path } as Request, res, (() => (passedOn = true)) as NextFunction);
  return { ...response, passedOn };
}

describe('drainGate', () => {
  it('lets everything through while the process is not draining', () => {
    expect(answer('/health/ready', false)).toEqual({ headers: {}, code: 200, body: undefined, passedOn: true });
  });

  it('answers readiness 503 while draining, and asks every client to close its connection', () => {
    expect(answer('/health/ready', true)).toEqual({ headers: { Connection: 'close' }, code: 503, body: { status: 'draining' }, passedOn: false });
    expect(answer('/api/v1/orders', true)).toEqual({ headers: { Connection: 'close' }, code: 200, body: undefined, passedOn: true });
    expect(answer('/health', true).passedOn).toBe(true);
  });
});
