import type { IncomingMessage } from 'node:http';
import { TokenBucket } from './courier/token-bucket';

/** Buckets idle this long are forgotten, so the map does not grow with every address ever seen. */
const FORGET_AFTER_MS = 10 * 60_000;

/**
 * Connection attempts per client address, before any token is checked: a flood of handshakes
 * from one address is refused cheaply. Per gateway instance (a limit on this process's work,
 * not a global quota). Behind a proxy the address is the proxy's unless it sets X-Forwarded-For.
 */
export class HandshakeLimiter {
  private readonly buckets = new Map<string, { bucket: TokenBucket; lastSeen: number }>();
  private lastSweep = 0;

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
  ) {}

  allow(request: IncomingMessage, now = Date.now()): boolean {
    this.sweep(now);
    const address = clientAddress(request);
    let entry = this.buckets.get(address);
    if (!entry) {
      entry = { bucket: new TokenBucket(this.perMinute / 60, this.burst, now), lastSeen: now };
      this.buckets.set(address, entry);
    }
    entry.lastSeen = now;
    return entry.bucket.take(now);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < FORGET_AFTER_MS) return;
    this.lastSweep = now;
    for (const [address, entry] of this.buckets) if (now - entry.lastSeen > FORGET_AFTER_MS) this.buckets.delete(address);
  }
}

function clientAddress(request: IncomingMessage): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || request.socket.remoteAddress || 'unknown';
}
