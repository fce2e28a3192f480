import type { Socket } from 'socket.io-client';
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

  constructor(
    private readonly socket: Socket,
    private readonly queue: OfflineQueue,
    private readonly onError: (message: string) => void,
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
  }

  private handle(position: GeolocationPosition): void {
    const now = Date.now();
    if (now - this.lastSentAt < MIN_INTERVAL_MS) return;
    this.lastSentAt = now;
    const point = toPoint(position);
    if (!this.socket.connected) return this.queue.addPoint(point);
    this.socket.timeout(ACK_TIMEOUT_MS).emit('location', point, (error: Error | null, ack?: { ok: boolean; error?: string }) => {
      // No answer, or the gateway's store is down (`unavailable`): keep the point for later.
      if (error || (ack && !ack.ok && ack.error === 'unavailable')) this.queue.addPoint(point);
      else if (ack && !ack.ok) this.onError(ack.error ?? 'position refused');
    });
  }
}

// Optional fields only when the device knows them: null or NaN would be refused.
function toPoint({ coords, timestamp }: GeolocationPosition): LocationPoint {
  const point: LocationPoint = { lat: coords.latitude, lng: coords.longitude, at: new Date(timestamp).toISOString() };
  if (Number.isFinite(coords.accuracy)) point.accuracy = coords.accuracy;
  if (coords.heading !== null && Number.isFinite(coords.heading)) point.heading = coords.heading;
  if (coords.speed !== null && Number.isFinite(coords.speed)) point.speed = coords.speed;
  return point;
}
