import type { Namespace, Socket } from 'socket.io';
import type { TrackPositionEvent, TrackServerEvents, TrackStatusEvent, GatewayNotices } from '@lib/realtime';
import type { TrackedOrder } from './tracked-orders.repository';

export interface TrackerData {
  order: TrackedOrder;
  /** The courier whose positions this socket receives now (null unless the order is live). */
  following: string | null;
  /** Loaded at the handshake, sent first on connection, then dropped. */
  initial?: { status: TrackStatusEvent; position: TrackPositionEvent | null };
}

export type TrackNamespace = Namespace<Record<string, never>, TrackServerEvents, GatewayNotices, TrackerData>;
export type TrackSocket = Socket<Record<string, never>, TrackServerEvents, GatewayNotices, TrackerData>;
