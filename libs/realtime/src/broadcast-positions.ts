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
  if (!positions.length) return;
  const dispatch = roomsOf(io, namespaces.dispatch);
  dispatch(rooms.cooperativePositions(cooperativeId, 'batch')).emit('courier.positions', { positions, snapshot: false });
  const singles = dispatch(rooms.cooperativePositions(cooperativeId, 'single'));
  for (const position of positions) singles.emit('courier.position', position);
  const track = roomsOf(io, namespaces.track);
  for (const { courierId, lat, lng, at } of positions) {
    track(rooms.courierFollowers(courierId)).emit('position', { lat, lng, at });
  }
}
