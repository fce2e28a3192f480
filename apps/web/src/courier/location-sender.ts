import type { LiveSocket } from '../shared/live';
import type { LocationPoint, OfflineQueue } from './offline-queue';

/** One point every few seconds is plenty for a bike, and spares the battery and the gateway. */
const MIN_INTERVAL_MS = 4_000;
const ACK_TIMEOUT_MS = 5_000;

/**
 * While on shift, watches the browser's position and sends it as `location` messages on
 * `/courier`. A point that cannot be delivered (socket down, no ack in time) goes to the
 * offline queue; one the gateway refuses (ack `{ ok: false }`, e.g. `invalid_location`,
 * `not_on_shift`, `rate_limited`) is dropped, as a retry would be refused too.
 */
export class LocationSender {
  private watchId: number | null = null;
  private lastSentAt = 0;
  /** The newest fix held back by the interval: sent when it ends, so a courier who stops is not left at an old spot. */
  private held: GeolocationPosition | null = null;
  private heldTimer: number | undefined;

  constructor(
    private readonly socket: LiveSocket<'/courier'>,
    private readonly queue: OfflineQueue,
    private readonly onError: (message: string) => void,
    private readonly onFix: (lat: number, lng: number) => void = () => undefined,
  ) {}

  start(): void {
    if (this.watchId !== null) return;
    if (!('geolocation' in navigator)) return this.onError('geolocation not supported');
    this.watchId = navigator.geolocation.watchPosition(
      (position) => this.handle(position),
      (error) => this.onError(error.message),
      { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
    );
  }

  stop(): void {
    if (this.watchId !== null) navigator.geolocation.clearWatch(this.watchId);
    this.watchId = null;
    window.clearTimeout(this.heldTimer);
    this.held = null;
  }

  private handle(position: GeolocationPosition): void {
    this.onFix(position.coords.latitude, position.coords.longitude);
    const wait = this.lastSentAt + MIN_INTERVAL_MS - Date.now();
    if (wait > 0) {
      if (!this.held) this.heldTimer = window.setTimeout(() => this.sendHeld(), wait);
      this.held = position;
      return;
    }
    this.send(position);
  }

  private sendHeld(): void {
    const position = this.held;
    this.held = null;
    if (position && this.watchId !== null) this.send(position);
  }

  private send(position: GeolocationPosition): void {
    this.lastSentAt = Date.now();
    const point = toPoint(position);
    // navigator.onLine false is reliable (true is not): a socket may look connected for a
    // while after the network is gone, and a point sent into it would be lost.
    if (!this.socket.connected || !navigator.onLine) return this.queue.addPoint(point);
    this.socket.timeout(ACK_TIMEOUT_MS).emit('location', point, (error, ack) => {
      // No answer, or the gateway's store is down (`unavailable`): keep the point for later.
      if (error || (ack && !ack.ok && ack.error === 'unavailable')) this.queue.addPoint(point);
      else if (ack && !ack.ok) this.onError(ack.error ?? 'position refused');
    });
  }
}

// Optional fields only when the device knows them: NaN would be refused.
function toPoint({ coords, timestamp }: GeolocationPosition): LocationPoint {
  const point: LocationPoint = { lat: coords.latitude, lng: coords.longitude, at: new Date(timestamp).toISOString() };
  if (Number.isFinite(coords.accuracy)) point.accuracy = coords.accuracy;
  if (coords.heading !== null && Number.isFinite(coords.heading)) point.heading = coords.heading;
  if (coords.speed !== null && Number.isFinite(coords.speed)) point.speed = coords.speed;
  return point;
}
