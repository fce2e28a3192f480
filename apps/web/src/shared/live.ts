import { io, Socket } from 'socket.io-client';
import { t } from './i18n';

/**
 * Opens a tracking-gateway namespace. WebSocket only: no long-polling, so no CORS preflight
 * against the gateway's other origin, and one connection per page.
 */
export function connectLive(trackingUrl: string, namespace: '/dispatch' | '/courier' | '/track', auth: { token: string } & Record<string, unknown>): Socket {
  return io(`${trackingUrl.replace(/\/+$/, '')}${namespace}`, { auth, transports: ['websocket'] });
}

/** The gateway may send one event or a batch (an array) under the same name: handle both. */
export function eachOf<T>(payload: T | T[], handle: (item: T) => void): void {
  if (Array.isArray(payload)) payload.forEach(handle);
  else if (payload) handle(payload);
}

/** Keeps a small "Live / Reconnecting…" badge in step with the socket. */
export function bindLiveBadge(socket: Socket, badge: HTMLElement): void {
  const render = () => {
    badge.textContent = socket.connected ? t('live.connected') : t('live.disconnected');
    badge.classList.toggle('live--on', socket.connected);
  };
  socket.on('connect', render);
  socket.on('disconnect', render);
  socket.on('connect_error', render);
  render();
}
