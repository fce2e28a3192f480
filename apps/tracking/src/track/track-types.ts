import type { Namespace, Socket } from 'socket.io';
import type { GatewayNotices } from '@lib/realtime';
import type { TrackClientEvents, TrackPositionEvent, TrackServerEvents, TrackStatusEvent } from '@lib/wire';
import type { TrackedOrder } from './tracked-orders.repository';

export interface TrackerData {
  order: TrackedOrder;
  /** The courier whose positions this socket receives now (null unless the order is live). */
  following: string | null;
  /** Loaded at the handshake, sent first on connection, then dropped. */
  initial?: { status: TrackStatusEvent; position: TrackPositionEvent | null };
}

export type TrackNamespace = Namespace<TrackClientEvents, TrackServerEvents, GatewayNotices, TrackerData>;
export type TrackSocket = Socket<TrackClientEvents, TrackServerEvents, GatewayNotices, TrackerData>;
