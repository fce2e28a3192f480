import { io, Socket } from 'socket.io-client';
import type { LocationAck, LocationMessage } from '@lib/wire';

const WAIT_MS = 5000;
const opened: Socket[] = [];

/** A socket.io client as a phone or browser opens it (websocket only, no automatic reconnection). */
export function openSocket(baseUrl: string, namespace: string, auth: Record<string, unknown>, extraHeaders: Record<string, string> = {}): Socket {
  const socket = io(`${baseUrl}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders });
  opened.push(socket);
  return socket;
}

/** Closes every socket the test opened (before the apps close, so their servers can stop). */
export function closeAllSockets(): void {
  for (const socket of opened.splice(0)) socket.disconnect();
}

function withTimeout<T>(what: string, work: (resolve: (value: T) => void, reject: (error: Error) => void) => () => void, ms = WAIT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let cleanup = () => {};
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    cleanup = work(
      (value) => {
        clearTimeout(timer);
        cleanup();
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        cleanup();
        reject(error);
      },
    );
  });
}

/** Resolves once connected; rejects with the refusal if the handshake is refused. */
export function connected(socket: Socket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return withTimeout('connect', (resolve, reject) => {
    const onConnect = () => resolve();
    const onError = (error: Error) => reject(error);
    socket.once('connect', onConnect);
    socket.once('connect_error', onError);
    return () => {
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
    };
  });
}

/** Resolves with the handshake refusal; rejects if the socket connects instead. */
export function refused(socket: Socket): Promise<Error & { data?: { code?: string } }> {
  return withTimeout('connect_error', (resolve, reject) => {
    const onConnect = () => reject(new Error('the socket connected, but a refusal was expected'));
    const onError = (error: Error) => resolve(error);
    socket.once('connect', onConnect);
    socket.once('connect_error', onError);
    return () => {
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
    };
  });
}

/** Every payload of `event` the socket receives from now on, in order. */
export function record<T>(socket: Socket, event: string): T[] {
  const received: T[] = [];
  socket.on(event, (payload: T) => received.push(payload));
  return received;
}

/** The next `event` whose payload satisfies `matches`. */
export function nextEvent<T>(socket: Socket, event: string, matches: (payload: T) => boolean = () => true, ms = WAIT_MS): Promise<T> {
  return withTimeout(`"${event}"`, (resolve) => {
    const listener = (payload: T) => {
      if (matches(payload)) resolve(payload);
    };
    socket.on(event, listener);
    return () => socket.off(event, listener);
  }, ms);
}

/** Resolves when the server closes the connection. */
export function disconnected(socket: Socket): Promise<string> {
  if (socket.disconnected) return Promise.resolve('already disconnected');
  return withTimeout('disconnect', (resolve) => {
    const listener = (reason: string) => resolve(reason);
    socket.once('disconnect', listener);
    return () => socket.off('disconnect', listener);
  });
}

export function sendLocation(socket: Socket, message: LocationMessage | Record<string, unknown>): Promise<LocationAck> {
  return socket.timeout(WAIT_MS).emitWithAck('location', message) as Promise<LocationAck>;
}
