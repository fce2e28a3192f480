import { io, Socket } from 'socket.io-client';
import type { NamespaceName, SocketNamespaces } from '@lib/wire';
import { t } from './i18n';

/** A socket on one gateway namespace, typed with what its server sends and what it may send (the wire's maps). */
export type LiveSocket<N extends NamespaceName> = Socket<SocketNamespaces[N]['server'], SocketNamespaces[N]['client']>;

/**
 * Opens a tracking-gateway namespace. WebSocket only: no long-polling, so no CORS preflight
 * against the gateway's other origin, and one connection per page.
 */
export function connectLive<N extends NamespaceName>(trackingUrl: string, namespace: N, auth: SocketNamespaces[N]['auth']): LiveSocket<N> {
  return io(`${trackingUrl.replace(/\/+$/, '')}${namespace}`, { auth, transports: ['websocket'] });
}

/** Keeps a small "Live / Reconnecting…" badge in step with the socket. */
export function bindLiveBadge<N extends NamespaceName>(socket: LiveSocket<N>, badge: HTMLElement): void {
  const render = () => {
    badge.textContent = socket.connected ? t('live.connected') : t('live.disconnected');
    badge.classList.toggle('live--on', socket.connected);
  };
  socket.on('connect', render);
  socket.on('disconnect', render);
  socket.on('connect_error', render);
  render();
}
