import { randomUUID } from 'node:crypto';
import type { LatLng } from '@lib/geo';
import { orderBody } from '@lib/testing';
import type { ReadinessBalancer } from './balancer';

export interface PlacedOrder {
  id: string;
  trackingToken: string;
}

/**
 * Merchants placing orders steadily through a balancer, as shops behind a load balancer do. A
 * request that fails (refused or cut connection, 5xx) is replayed with the same
 * Idempotency-Key, as the contract tells clients to; every failed attempt is kept, so a test
 * can demand there were none.
 */
export class OrderStream {
  readonly acknowledged = new Map<string, PlacedOrder>(); // idempotency key → order
  readonly failedAttempts: string[] = [];
  private stopping = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly apis: ReadinessBalancer,
    private readonly apiKey: string,
    private readonly center: LatLng,
  ) {}

  /** `merchants` loops, each placing an order every `pauseMs` after the previous answer. */
  start(merchants: number, pauseMs: number): void {
    this.loops = Array.from({ length: merchants }, async () => {
      while (!this.stopping) {
        await this.placeOne();
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.loops);
  }

  get orderIds(): string[] {
    return [...this.acknowledged.values()].map((order) => order.id);
  }

  private async placeOne(): Promise<void> {
    const key = randomUUID();
    const body = JSON.stringify(orderBody(this.center, { reference: `stream-${key}` }));
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const url = await this.apis.pick();
      const response = await fetch(`${url}/api/v1/orders`, {
        method: 'POST',
        headers: { 'X-Api-Key': this.apiKey, 'Idempotency-Key': key, 'Content-Type': 'application/json' },
        body,
        signal: AbortSignal.timeout(10_000),
      }).catch((error: Error) => ({ error }));
      if ('status' in response && response.status < 300) {
        const order = (await response.json()) as PlacedOrder;
        this.acknowledged.set(key, { id: order.id, trackingToken: order.trackingToken });
        return;
      }
      // (An Error from fetch is of Node's realm, not the test's: no `instanceof Error` here.)
      const what = 'status' in response ? `${response.status} ${await response.text()}` : `${response.error.name}: ${(response.error.cause as Error)?.message ?? response.error.message}`;
      if ('status' in response && response.status < 500 && response.status !== 429) throw new Error(`order refused by ${url}: ${what}`);
      this.failedAttempts.push(`${new Date().toISOString()} ${url}: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`order ${key} never acknowledged`);
  }
}
