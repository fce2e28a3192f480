import type { IncomingMessage } from 'node:http';
import { HandshakeLimiter } from './handshake-limiter';

const from = (address: string) => ({ headers: {}, socket: { remoteAddress: address } }) as unknown as IncomingMessage;

describe('HandshakeLimiter', () => {
  it('lets a burst through, refuses the rest, and refills over time, per address', () => {
    const limiter = new HandshakeLimiter(60, 3);
    const t0 = 1_000_000;
    expect([1, 2, 3, 4].map(() => limiter.allow(from('203.0.113.1'), t0))).toEqual([true, true, true, false]);
    expect(limiter.allow(from('203.0.113.2'), t0)).toBe(true);
    expect(limiter.allow(from('203.0.113.1'), t0 + 1000)).toBe(true);
    expect(limiter.allow(from('203.0.113.1'), t0 + 1000)).toBe(false);
  });
});
