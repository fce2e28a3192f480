import type { NextFunction, Request, Response } from 'express';

/**
 * While the process drains (stop requested, not yet closing), readiness answers 503 so that
 * balancers and probes take the instance out, and every answer asks the client to close its
 * connection so that keep-alive clients reconnect elsewhere; everything else is still served.
 * Without it readiness stayed 200 until the port closed, and requests sent in between were refused.
 */
export function drainGate(draining: () => boolean) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!draining()) return next();
    response.setHeader('Connection', 'close');
    if (request.path === '/health/ready') {
      response.status(503).json({ status: 'draining' });
      return;
    }
    next();
  };
}
