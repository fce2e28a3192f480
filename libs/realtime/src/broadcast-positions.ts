import type { CourierPositionEvent } from './events';
import { namespaces } from './namespaces';
import { rooms } from './rooms';

/**
 * What both a socket.io `Server` and a Redis `Emitter` offer: rooms of a namespace to emit to.
 * Typed loosely on purpose; the event names and payloads are checked in this file.
 */
export interface RoomBroadcaster {
  of(namespace: string): { to(room: string): { emit(event: string, ...args: unknown[]): unknown } };
}

/**
 * Sends the latest positions of some couriers of one cooperative to everyone who may see
 * them: its dispatchers (one batched frame, or one frame per courier for clients of the
 * contract's `courier.position`) and the customers whose order a courier holds.
 */
export function broadcastCourierPositions(io: RoomBroadcaster, cooperativeId: string, positions: CourierPositionEvent[]): void {
  if (!positions.length) return;
  const dispatch = io.of(namespaces.dispatch);
  dispatch.to(rooms.cooperativePositions(cooperativeId, 'batch')).emit('courier.positions', { positions, snapshot: false });
  const singles = dispatch.to(rooms.cooperativePositions(cooperativeId, 'single'));
  for (const position of positions) singles.emit('courier.position', position);
  const track = io.of(namespaces.track);
  for (const { courierId, lat, lng, at } of positions) {
    track.to(rooms.courierFollowers(courierId)).emit('position', { lat, lng, at });
  }
}
