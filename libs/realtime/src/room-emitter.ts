import type { NamespaceName, SocketNamespaces } from '@lib/wire';

/**
 * What both a socket.io `Server` and a Redis `Emitter` offer: rooms of a namespace to emit
 * to. Untyped itself; `roomsOf` gives it the namespace's event map from `@lib/wire`.
 */
export interface RoomBroadcaster {
  of(namespace: string): { to(room: string): { emit(event: string, ...args: unknown[]): unknown } };
}

type ArgsOf<Listener> = Listener extends (...args: infer Args) => unknown ? Args : never;

/** Something to send the events of one map to, checked against its payloads. */
export interface EventTarget<Events> {
  emit<E extends keyof Events & string>(event: E, ...args: ArgsOf<Events[E]>): void;
}

/** What the server sends on a namespace (`SocketNamespaces` in `@lib/wire`). */
export type ServerEventsOf<N extends NamespaceName> = SocketNamespaces[N]['server'];

/** The rooms of one namespace, each typed with what that namespace's clients receive. */
export function roomsOf<N extends NamespaceName>(io: RoomBroadcaster, namespace: N): (room: string) => EventTarget<ServerEventsOf<N>> {
  const nsp = io.of(namespace);
  return (room) => {
    const target = nsp.to(room);
    return { emit: (event, ...args) => void target.emit(event, ...args) };
  };
}
