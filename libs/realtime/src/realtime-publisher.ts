import { Inject, Injectable, Logger } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { REDIS } from '@lib/queues';
import type { CourierPositionEvent, CourierServerEvents, CourierStatusEvent, DispatchServerEvents } from '@lib/wire';
import { broadcastCourierPositions } from './broadcast-positions';
import type { OrderStatusNotice, ShiftNotice } from './events';
import { saveLastOrderStatus } from './last-order-status';
import { namespaces } from './namespaces';
import { EventTarget, RoomBroadcaster, roomsOf } from './room-emitter';
import { rooms } from './rooms';
import { socketIoKey } from './socket-io-key';

/**
 * What may be sent to a cooperative's dispatchers (`/dispatch`); positions go out through
 * `courierPositions`. `courier.status` also tells the gateways, which stop tracking a
 * courier whose shift ended.
 */
export type CooperativeEvents = Pick<DispatchServerEvents, 'order.updated' | 'courier.status'>;

/** What may be sent to an order's customers (`/track`); `position` is derived by the gateway itself. */
export interface OrderTrackerEvents {
  /** Customers receive `{ status, at, eta }`; `courierId` tells the gateways whose positions to relay. */
  status: (notice: Omit<OrderStatusNotice, 'orderId'>) => void;
}

/**
 * How `apps/api` and `apps/dispatcher` reach sockets without importing the gateway: events
 * go through Redis (the socket.io emitter) to whichever gateway instance holds the sockets.
 * Fire-and-forget: a client that misses an event catches up from the REST API. Order and
 * offer events reach it one way only, after commit: `LiveAnnouncements` and `LiveUpdates`
 * in `libs/orders`.
 */
@Injectable()
export class RealtimePublisher {
  private readonly logger = new Logger(RealtimePublisher.name);
  private readonly emitter: Emitter;
  private readonly broadcaster: RoomBroadcaster;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {
    this.emitter = new Emitter(redis, { key: socketIoKey(config) });
    this.broadcaster = this.emitter as unknown as RoomBroadcaster;
  }

  /** The cooperative's dispatchers and coop admins. */
  toCooperative(cooperativeId: string): EventTarget<CooperativeEvents> {
    const dispatchers = roomsOf(this.broadcaster, namespaces.dispatch)(rooms.cooperative(cooperativeId));
    return {
      emit: (event, ...args) => {
        dispatchers.emit(event, ...args);
        if (event === 'courier.status') {
          const { courierId, onShift } = args[0] as CourierStatusEvent;
          const notice: ShiftNotice = { cooperativeId, courierId, onShift };
          this.emitter.of(namespaces.courier).serverSideEmit('courier.shift', notice);
        }
      },
    };
  }

  /**
   * Closes every socket of a person whose sessions were revoked (deactivated, password
   * reset), on whichever gateway holds them. Their token is refused at the next handshake.
   */
  disconnectUser(userId: string): void {
    for (const namespace of [namespaces.courier, namespaces.dispatch]) this.emitter.of(namespace).in(rooms.user(userId)).disconnectSockets(true);
  }

  /** Every connected socket of one courier. */
  toCourier(courierId: string): EventTarget<CourierServerEvents> {
    return roomsOf(this.broadcaster, namespaces.courier)(rooms.courier(courierId));
  }

  /**
   * The customers following an order. The gateways send them `{ status, at, eta }` and start
   * or stop relaying the courier's positions; the notice is also kept for customers who
   * connect later (the ETA is not in the database).
   */
  toOrderTrackers(orderId: string): EventTarget<OrderTrackerEvents> {
    return {
      emit: (_event, payload) => {
        const notice: OrderStatusNotice = { orderId, status: payload.status, at: payload.at, eta: payload.eta, courierId: payload.courierId, ownerCooperativeId: payload.ownerCooperativeId ?? null };
        // Same connection, so Redis stores the status before any gateway hears the notice.
        saveLastOrderStatus(this.redis, this.config, notice).catch((error: unknown) =>
          this.logger.warn({ err: error, orderId }, 'could not keep the last order status'),
        );
        this.emitter.of(namespaces.track).serverSideEmit('order.status', notice);
      },
    };
  }

  /** Positions recorded outside the gateway (an offline batch), to dispatchers and customers alike. */
  courierPositions(cooperativeId: string, positions: CourierPositionEvent[]): void {
    broadcastCourierPositions(this.broadcaster, cooperativeId, positions);
  }
}
