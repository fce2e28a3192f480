import type { CourierPositionEvent } from '@lib/wire';
import { namespaces } from './namespaces';
import { RoomBroadcaster, roomsOf } from './room-emitter';
import { rooms } from './rooms';

/**
 * Sends the latest positions of some couriers of one cooperative to everyone who may see
 * them: its dispatchers (one batched frame, or one frame per courier for clients of the
 * contract's `courier.position`) and the customers whose order a courier holds.
 */
export function broadcastCourierPositions(io: RoomBroadcaster, cooperativeId: string, positions: CourierPositionEvent[]): void {
  broadcastPositionFrame(io, cooperativeId, positions);
  broadcastPositionsSingly(io, cooperativeId, positions);
}

/** The batched form only: one `courier.positions` frame to the cooperative's dispatchers that asked for it. */
export function broadcastPositionFrame(io: RoomBroadcaster, cooperativeId: string, positions: CourierPositionEvent[]): void {
  if (!positions.length) return;
  roomsOf(io, namespaces.dispatch)(rooms.cooperativePositions(cooperativeId, 'batch')).emit('courier.positions', { positions, snapshot: false });
}

/**
 * `courier.position` frames only, to the dispatchers of a co-op whose order a partner's
 * courier holds (the customers already receive them through `broadcastPositionsSingly`).
 */
export function broadcastPositionsToDispatchers(io: RoomBroadcaster, cooperativeId: string, positions: CourierPositionEvent[]): void {
  if (!positions.length) return;
  const singles = roomsOf(io, namespaces.dispatch)(rooms.cooperativePositions(cooperativeId, 'single'));
  for (const position of positions) singles.emit('courier.position', position);
}

/** One frame per courier: `courier.position` to the cooperative's dispatchers of that form, `position` to the customers following the courier. */
export function broadcastPositionsSingly(io: RoomBroadcaster, cooperativeId: string, positions: CourierPositionEvent[]): void {
  if (!positions.length) return;
  const singles = roomsOf(io, namespaces.dispatch)(rooms.cooperativePositions(cooperativeId, 'single'));
  const track = roomsOf(io, namespaces.track);
  for (const position of positions) {
    singles.emit('courier.position', position);
    track(rooms.courierFollowers(position.courierId)).emit('position', { lat: position.lat, lng: position.lng, at: position.at });
  }
}
