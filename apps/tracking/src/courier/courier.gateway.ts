import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Server, Socket } from 'socket.io';
import { SessionRevocations, Tokens } from '@lib/auth';
import { GatewayNotices, namespaces, rooms } from '@lib/realtime';
import type { CourierClientEvents, CourierServerEvents, LocationAck } from '@lib/wire';
import { PositionFanout } from '../board-feed/position-fanout';
import { authenticatePerson } from '../handshake/authenticate-person';
import { HandshakeRefusal, handshakeMiddleware } from '../handshake/handshake-refusal';
import { LOCATION_BURST, LOCATION_RATE_PER_SECOND } from '../tracking-limits';
import { connectedSockets } from '../tracking-metrics';
import { CourierShifts } from './courier-shifts';
import { IngestingCourier, LocationIngest } from './location-ingest';
import { TokenBucket } from './token-bucket';

/** What the gateway keeps on a courier's socket: the ingest's part, and whose sessions it belongs to. */
type CourierSocketData = IngestingCourier & { userId: string };
type CourierNamespace = Namespace<CourierClientEvents, CourierServerEvents, GatewayNotices, CourierSocketData>;
type CourierSocket = Socket<CourierClientEvents, CourierServerEvents, GatewayNotices, CourierSocketData>;

/** `/courier`: a courier's phone sends its positions and receives offers and order updates. */
@WebSocketGateway({ namespace: namespaces.courier })
export class CourierGateway implements OnGatewayInit<CourierNamespace>, OnGatewayConnection<CourierSocket>, OnGatewayDisconnect {
  constructor(
    private readonly tokens: Tokens,
    private readonly revocations: SessionRevocations,
    private readonly ingest: LocationIngest,
    private readonly shifts: CourierShifts,
    private readonly fanout: PositionFanout,
  ) {}

  afterInit(namespace: CourierNamespace): void {
    this.fanout.attach(namespace.server as unknown as Server);
    namespace.use(
      handshakeMiddleware<CourierSocket>(namespaces.courier, async (socket) => {
        const principal = await authenticatePerson(this.tokens, this.revocations, socket, ['courier']);
        if (!principal.courierId) throw new HandshakeRefusal('forbidden', 'This account has no courier profile');
        socket.data = {
          cooperativeId: principal.cooperativeId,
          courierId: principal.courierId,
          userId: principal.userId,
          rateLimit: new TokenBucket(LOCATION_RATE_PER_SECOND, LOCATION_BURST, Date.now()),
        };
      }),
    );
    namespace.on('courier.shift', (notice) => void this.shifts.apply(notice));
  }

  handleConnection(socket: CourierSocket): void {
    void socket.join([rooms.courier(socket.data.courierId), rooms.user(socket.data.userId)]);
    connectedSockets.inc({ namespace: namespaces.courier });
  }

  handleDisconnect(): void {
    connectedSockets.dec({ namespace: namespaces.courier });
  }

  /**
   * Returning the result makes Nest call the client's acknowledgement with it. The message
   * is whatever the client sent (`LocationMessage` when it keeps the contract): checked by the ingest.
   */
  @SubscribeMessage('location')
  location(@ConnectedSocket() socket: CourierSocket, @MessageBody() message: unknown): Promise<LocationAck> {
    return this.ingest.accept(socket.data, message);
  }
}
