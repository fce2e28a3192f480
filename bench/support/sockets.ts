import type { Socket } from 'socket.io-client';

/** Handshakes in flight at once: thousands together would time out on the gateway's first second. */
const CONNECT_CHUNK = 200;

/**
 * Opens `count` sockets (`make(index)` creates one, which starts connecting), a chunk at a
 * time, and returns them once all are connected; on the first refusal or a 30 s wait, closes
 * every socket opened so far and throws.
 */
export async function connectAll(count: number, make: (index: number) => Socket): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let from = 0; from < count; from += CONNECT_CHUNK) {
    const chunk = Array.from({ length: Math.min(CONNECT_CHUNK, count - from) }, (_, i) => make(from + i));
    sockets.push(...chunk);
    await Promise.all(
      chunk.map(
        (socket) =>
          new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('socket did not connect within 30 s')), 30_000);
            socket.once('connect', () => (clearTimeout(timer), resolve()));
            socket.once('connect_error', (error) => (clearTimeout(timer), reject(error)));
          }),
      ),
    ).catch((error: unknown) => {
      for (const socket of sockets) socket.disconnect();
      throw error;
    });
  }
  return sockets;
}
