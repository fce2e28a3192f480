import type { CourierClientEvents, CourierServerEvents } from './courier-events';
import type { DispatchClientEvents, DispatchServerEvents } from './dispatch-events';
import type { TrackClientEvents, TrackServerEvents } from './track-events';

/**
 * The tracking gateway's namespaces: what a client sends at the handshake
 * (`io(url + namespace, { auth })`), what the server sends and what the client may send.
 * socket.io's generics take them as `Socket<ServerEvents, ClientEvents>` on the client and
 * `Namespace<ClientEvents, ServerEvents>` on the server.
 */
export interface SocketNamespaces {
  /** A courier's accessToken. */
  '/courier': { auth: { token: string }; server: CourierServerEvents; client: CourierClientEvents };
  /** A dispatcher's or coop admin's accessToken; `batch: true` asks for `courier.positions` frames instead of `courier.position`. */
  '/dispatch': { auth: { token: string; batch?: boolean }; server: DispatchServerEvents; client: DispatchClientEvents };
  /** An order's trackingToken. */
  '/track': { auth: { token: string }; server: TrackServerEvents; client: TrackClientEvents };
}

export type NamespaceName = keyof SocketNamespaces;
