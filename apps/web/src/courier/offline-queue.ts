import type { LocationMessage } from '@lib/wire';
import { api, ApiError } from '../shared/api-client';

/** A position as the courier app sends it: a `location` message, or one point of a `POST /couriers/me/locations` batch. */
export type LocationPoint = LocationMessage;

/** A state change made while offline (pickup, deliver, fail, shift), replayed in order. */
export interface QueuedAction {
  method: 'POST' | 'PUT';
  path: string;
  body?: unknown;
  queuedAt: string;
}

/** The API's batch limit is the server's business; chunks keep each request small. */
const POINTS_PER_REQUEST = 200;
/** A phone left offline for a day must not fill its storage: keep the newest points. */
const MAX_POINTS = 5_000;

/**
 * What the courier did while the network was gone, kept in localStorage so a reload or a
 * dead battery loses nothing. Flushed when the connection comes back: positions through
 * POST /couriers/me/locations, then actions in the order they were made.
 */
export class OfflineQueue {
  private flushing = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly courierId: string) {}

  get size(): number {
    return this.points().length + this.actions().length;
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  addPoint(point: LocationPoint): void {
    this.write('points', [...this.points(), point].slice(-MAX_POINTS));
  }

  addAction(action: Omit<QueuedAction, 'queuedAt'>): void {
    this.write('actions', [...this.actions(), { ...action, queuedAt: new Date().toISOString() }]);
  }

  /**
   * Sends everything queued. Stops at the first network failure (still offline); drops an
   * item the server refuses (4xx: e.g. the order was reassigned meanwhile) so one bad item
   * cannot block the rest, and reports it.
   */
  async flush(onRefused: (action: QueuedAction | null, error: ApiError) => void): Promise<void> {
    if (this.flushing || !this.size) return;
    this.flushing = true;
    try {
      while (this.points().length) {
        const batch = this.points().slice(0, POINTS_PER_REQUEST);
        const sent = await this.send(() => api('POST', '/couriers/me/locations', { points: batch }), (error) => onRefused(null, error));
        if (!sent) return;
        this.write('points', this.points().slice(batch.length));
      }
      while (this.actions().length) {
        const [action] = this.actions();
        const sent = await this.send(() => api(action.method, action.path, action.body), (error) => onRefused(action, error));
        if (!sent) return;
        this.write('actions', this.actions().slice(1));
      }
    } finally {
      this.flushing = false;
    }
  }

  // true: done with this item (sent or refused for good); false: offline, try later.
  private async send(request: () => Promise<unknown>, refused: (error: ApiError) => void): Promise<boolean> {
    try {
      await request();
      return true;
    } catch (error) {
      if (!(error instanceof ApiError) || error.isNetwork || error.status >= 500 || error.status === 429) return false;
      refused(error);
      return true;
    }
  }

  private points(): LocationPoint[] {
    return this.read('points');
  }

  private actions(): QueuedAction[] {
    return this.read('actions');
  }

  private read<T>(kind: 'points' | 'actions'): T[] {
    try {
      return JSON.parse(localStorage.getItem(this.key(kind)) ?? '[]') as T[];
    } catch {
      return [];
    }
  }

  private write(kind: 'points' | 'actions', items: unknown[]): void {
    localStorage.setItem(this.key(kind), JSON.stringify(items));
    this.listeners.forEach((listener) => listener());
  }

  private key(kind: string): string {
    return `bd.courier.${this.courierId}.${kind}`;
  }
}
