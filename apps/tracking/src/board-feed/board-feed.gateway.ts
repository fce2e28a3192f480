import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { SessionRevocations, Tokens } from '@lib/auth';
import { CourierPositions, LivePosition } from '@lib/positions';
import { namespaces, PositionsForm, rooms } from '@lib/realtime';
import type { CourierPositionEvent, DispatchClientEvents, DispatchServerEvents } from '@lib/wire';
import { CourierShifts } from '../courier/courier-shifts';
import { authenticatePerson } from '../handshake/authenticate-person';
import { handshakeMiddleware } from '../handshake/handshake-refusal';
import { FRESH_POSITION_SECONDS } from '../tracking-limits';
import { connectedSockets } from '../tracking-metrics';

interface DispatcherData {
  cooperativeId: string;
  userId: string;
  form: PositionsForm;
  /** Loaded at the handshake, sent first on connection, then dropped. */
  snapshot?: CourierPositionEvent[];
}

type DispatchNamespace = Namespace<DispatchClientEvents, DispatchServerEvents, Record<string, never>, DispatcherData>;
type DispatchSocket = Socket<DispatchClientEvents, DispatchServerEvents, Record<string, never>, DispatcherData>;

/**
 * `/dispatch`: a cooperative's live board. Read-only for clients; the server puts each
 * socket in its cooperative's rooms and nowhere else.
 */
@WebSocketGateway({ namespace: namespaces.dispatch })
export class BoardFeedGateway implements OnGatewayInit<DispatchNamespace>, OnGatewayConnection<DispatchSocket>, OnGatewayDisconnect {
  constructor(
    private readonly tokens: Tokens,
    private readonly revocations: SessionRevocations,
    private readonly positions: CourierPositions,
    private readonly shifts: CourierShifts,
  ) {}

  afterInit(namespace: DispatchNamespace): void {
    namespace.use(
      handshakeMiddleware<DispatchSocket>(namespaces.dispatch, async (socket) => {
        const { cooperativeId, userId } = await authenticatePerson(this.tokens, this.revocations, socket, ['dispatcher', 'coop_admin']);
        const form: PositionsForm = (socket.handshake.auth as { batch?: unknown }).batch === true ? 'batch' : 'single';
        const current = await this.positions.all(cooperativeId, FRESH_POSITION_SECONDS);
        // Shown only while on shift: a leftover of a courier whose shift just ended is not sent.
        const onShift = await Promise.all(current.map((position) => this.shifts.isOnShift(cooperativeId, position.courierId)));
        socket.data = { cooperativeId, userId, form, snapshot: current.filter((_, index) => onShift[index]).map(toPositionEvent) };
      }),
    );
  }

  /** The snapshot goes first, then the socket joins the live rooms (in one synchronous step). */
  handleConnection(socket: DispatchSocket): void {
    const { cooperativeId, userId, form, snapshot = [] } = socket.data;
    if (form === 'batch') socket.emit('courier.positions', { positions: snapshot, snapshot: true });
    else for (const position of snapshot) socket.emit('courier.position', position);
    delete socket.data.snapshot;
    void socket.join([rooms.cooperative(cooperativeId), rooms.cooperativePositions(cooperativeId, form), rooms.user(userId)]);
    connectedSockets.inc({ namespace: namespaces.dispatch });
  }

  handleDisconnect(): void {
    connectedSockets.dec({ namespace: namespaces.dispatch });
  }
}

function toPositionEvent(position: LivePosition): CourierPositionEvent {
  return { courierId: position.courierId, lat: position.lat, lng: position.lng, at: position.at.toISOString() };
}
