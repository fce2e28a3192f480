import type { BuiltProcess } from '../../reliability/support/processes';

export interface ReadinessChange {
  url: string;
  ready: boolean;
  at: number;
}

const POLL_MS = 100;

/**
 * What a Kubernetes Service or a load balancer does in front of identical instances: it polls
 * each one's `/health/ready` and sends work only to those that answered 200 last time, round
 * robin. A stopping instance that reports itself unready is thus taken out before it stops.
 */
export class ReadinessBalancer {
  readonly changes: ReadinessChange[] = [];
  private readonly ready = new Map<string, boolean>();
  private next = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(readonly instances: BuiltProcess[]) {}

  /** Polls until `stop`; resolves once every instance has been seen ready. */
  async start(): Promise<void> {
    const poll = async () => {
      await Promise.all(this.instances.map((instance) => this.probe(instance.url)));
      if (!this.stopped) this.timer = setTimeout(() => void poll(), POLL_MS);
    };
    await poll();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** A ready instance's base URL, round robin; waits (up to 10 s) while none is ready. */
  async pick(): Promise<string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const urls = this.instances.map((instance) => instance.url).filter((url) => this.ready.get(url));
      if (urls.length) return urls[this.next++ % urls.length];
      if (Date.now() > deadline) throw new Error('no instance ready for 10 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Another ready instance than `url`, for a client leaving one that went away. */
  async pickOther(url: string): Promise<string> {
    for (let i = 0; i < this.instances.length * 4; i += 1) {
      const picked = await this.pick();
      if (picked !== url) return picked;
    }
    return this.pick();
  }

  private async probe(url: string): Promise<void> {
    const status = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.status,
      () => 0,
    );
    const ready = status === 200;
    if (this.ready.get(url) !== ready) this.changes.push({ url, ready, at: Date.now() });
    this.ready.set(url, ready);
  }
}
