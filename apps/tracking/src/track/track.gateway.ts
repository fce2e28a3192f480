import { Inject } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { Transactions } from '@lib/database';
import { CourierPositions } from '@lib/positions';
import { REDIS } from '@lib/queues';
import { isLiveOrderStatus, namespaces, readLastOrderStatus, rooms } from '@lib/realtime';
import type { TrackPositionEvent, TrackStatusEvent } from '@lib/wire';
import { HandshakeRefusal, handshakeMiddleware, handshakeToken } from '../handshake/handshake-refusal';
import { FRESH_POSITION_SECONDS } from '../tracking-limits';
import { connectedSockets } from '../tracking-metrics';
import { PartnerCarriedCouriers } from '../board-feed/partner-carried-couriers';
import { OrderTrackers } from './order-trackers';
import type { TrackedOrder } from './tracked-orders.repository';
import { TrackedOrdersRepository } from './tracked-orders.repository';
import type { TrackNamespace, TrackSocket } from './track-types';

/**
 * `/track`: a customer follows one order with its tracking token: its status (with ETA) and,
 * only while a courier holds it, that courier's position.
 */
@WebSocketGateway({ namespace: namespaces.track })
export class TrackGateway implements OnGatewayInit<TrackNamespace>, OnGatewayConnection<TrackSocket>, OnGatewayDisconnect<TrackSocket> {
  constructor(
    private readonly transactions: Transactions,
    private readonly orders: TrackedOrdersRepository,
    private readonly positions: CourierPositions,
    private readonly trackers: OrderTrackers,
    private readonly partnerCarried: PartnerCarriedCouriers,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  afterInit(namespace: TrackNamespace): void {
    namespace.use(
      handshakeMiddleware<TrackSocket>(namespaces.track, async (socket) => {
        const token = handshakeToken(socket);
        const order = await this.transactions.asSystem(() => this.orders.findByToken(token));
        if (!order) throw new HandshakeRefusal('unauthorized', 'Unknown tracking token');
        const [status, position] = await Promise.all([this.currentStatus(order), this.currentPosition(order)]);
        socket.data = { order, following: null, initial: { status, position } };
      }),
    );
    namespace.on('order.status', (notice) => {
      this.trackers.apply(notice);
      this.partnerCarried.apply(notice);
    });
  }

  handleConnection(socket: TrackSocket): void {
    const { initial } = socket.data;
    void socket.join(rooms.order(socket.data.order.id));
    if (initial) socket.emit('status', initial.status);
    if (initial?.position) socket.emit('position', initial.position);
    delete socket.data.initial;
    this.trackers.add(socket);
    connectedSockets.inc({ namespace: namespaces.track });
  }

  handleDisconnect(socket: TrackSocket): void {
    this.trackers.remove(socket);
    connectedSockets.dec({ namespace: namespaces.track });
  }

  /** The status from the database; the ETA from the last notice, when it is about that same status. */
  private async currentStatus(order: TrackedOrder): Promise<TrackStatusEvent> {
    const last = await readLastOrderStatus(this.redis, this.config, order.id);
    const same = last?.status === order.status;
    return { status: order.status, at: same ? last.at : new Date().toISOString(), eta: same ? last.eta : null };
  }

  private async currentPosition(order: TrackedOrder): Promise<TrackPositionEvent | null> {
    if (!isLiveOrderStatus(order.status) || !order.courierId) return null;
    const position = await this.positions.get(order.courierCooperativeId ?? order.cooperativeId, order.courierId);
    if (!position || position.at.getTime() < Date.now() - FRESH_POSITION_SECONDS * 1000) return null;
    return { lat: position.lat, lng: position.lng, at: position.at.toISOString() };
  }
}
