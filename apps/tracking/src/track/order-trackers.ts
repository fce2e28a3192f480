import { Injectable } from '@nestjs/common';
import { isLiveOrderStatus, OrderStatusNotice, rooms } from '@lib/realtime';
import type { TrackSocket } from './track-types';

/**
 * The `/track` sockets connected to this instance, by order. Every instance hears every
 * status notice and acts only on its own sockets: it sends them the status and moves them
 * into (or out of) the room of the courier whose positions they may see.
 */
@Injectable()
export class OrderTrackers {
  private readonly byOrder = new Map<string, Set<TrackSocket>>();

  add(socket: TrackSocket): void {
    const orderId = socket.data.order.id;
    let sockets = this.byOrder.get(orderId);
    if (!sockets) this.byOrder.set(orderId, (sockets = new Set()));
    sockets.add(socket);
    follow(socket, socket.data.order.status, socket.data.order.courierId);
  }

  remove(socket: TrackSocket): void {
    const sockets = this.byOrder.get(socket.data.order.id);
    sockets?.delete(socket);
    if (sockets && !sockets.size) this.byOrder.delete(socket.data.order.id);
  }

  apply(notice: OrderStatusNotice): void {
    for (const socket of this.byOrder.get(notice.orderId) ?? []) {
      socket.data.order = { ...socket.data.order, status: notice.status, courierId: notice.courierId };
      follow(socket, notice.status, notice.courierId);
      socket.emit('status', { status: notice.status, at: notice.at, eta: notice.eta });
    }
  }
}

/** Positions only while the order is assigned or picked up, and only of the courier holding it. */
function follow(socket: TrackSocket, status: string, courierId: string | null): void {
  const next = isLiveOrderStatus(status) && courierId ? courierId : null;
  const previous = socket.data.following;
  if (previous === next) return;
  if (previous) void socket.leave(rooms.courierFollowers(previous));
  if (next) void socket.join(rooms.courierFollowers(next));
  socket.data.following = next;
}
