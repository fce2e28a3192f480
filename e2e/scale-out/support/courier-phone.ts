import { io, Socket } from 'socket.io-client';
import type { LatLng } from '@lib/geo';
import type { OfferEvent } from '@lib/wire';
import type { ReadinessBalancer } from './balancer';

export interface Connection {
  gateway: string;
  connectedAt: number;
  /** When the socket dropped; open while connected. */
  droppedAt?: number;
}

/**
 * A courier's phone: one `/courier` socket, its position every second, and every offer
 * declined through the API at once (so each order goes from courier to courier until it
 * needs a dispatcher). When its gateway drops it, it connects again through the balancer to a
 * gateway that is ready, as the app does behind a load balancer.
 */
export class CourierPhone {
  readonly connections: Connection[] = [];
  readonly offers = new Map<string, OfferEvent>();
  /** Declines that failed (refused or cut connection, 5xx) and were sent again. */
  readonly failedDeclines: string[] = [];
  private socket?: Socket;
  private timer?: NodeJS.Timeout;
  private closing = false;

  constructor(
    readonly courierId: string,
    private readonly token: string,
    private readonly position: LatLng,
    private readonly gateways: ReadinessBalancer,
    private readonly apis: ReadinessBalancer,
  ) {}

  get gateway(): string | undefined {
    const last = this.connections.at(-1);
    return last && !last.droppedAt ? last.gateway : undefined;
  }

  /** Connects to `gateway` (or one the balancer picks) and resolves once connected. */
  async connect(gateway?: string): Promise<void> {
    const url = gateway ?? (await this.gateways.pick());
    const socket = io(`${url}/courier`, { auth: { token: this.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket = socket;
    socket.on('offer', (offer: OfferEvent) => {
      this.offers.set(offer.offerId, offer);
      void this.decline(offer.offerId);
    });
    socket.on('disconnect', () => {
      const connection = this.connections.at(-1);
      if (connection?.gateway === url && !connection.droppedAt) connection.droppedAt = Date.now();
      if (!this.closing) void this.reconnectAwayFrom(url);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    this.connections.push({ gateway: url, connectedAt: Date.now() });
    void this.sendPosition();
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.sendPosition(), 1000);
  }

  close(): void {
    this.closing = true;
    clearInterval(this.timer);
    this.socket?.disconnect();
  }

  /** The longest time the phone spent without a connection between two of them. */
  get longestGapMs(): number {
    return Math.max(0, ...this.connections.slice(1).map((connection, i) => connection.connectedAt - (this.connections[i].droppedAt ?? connection.connectedAt)));
  }

  /** Whether one connection lasted from `from` to `to` (an event sent then must have reached the phone). */
  connectedThrough(from: number, to: number): boolean {
    return this.connections.some((connection) => connection.connectedAt <= from && (!connection.droppedAt || connection.droppedAt >= to));
  }

  private async reconnectAwayFrom(url: string): Promise<void> {
    for (let attempt = 0; attempt < 50 && !this.closing; attempt += 1) {
      try {
        await this.connect(await this.gateways.pickOther(url));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  private async sendPosition(): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected) return;
    await socket
      .timeout(5000)
      .emitWithAck('location', { ...this.position, accuracy: 10, at: new Date().toISOString() })
      .catch(() => undefined);
  }

  /** Declines through whichever API is ready; an offer already closed (409/404) is fine. */
  private async decline(offerId: string): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const url = await this.apis.pick();
      const response = await fetch(`${url}/api/v1/offers/${offerId}/decline`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
        body: '{}',
        signal: AbortSignal.timeout(10_000),
      }).catch(() => null);
      if (response && response.status < 500) return;
      this.failedDeclines.push(`${new Date().toISOString()} ${url}: ${response ? response.status : 'no answer'}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
