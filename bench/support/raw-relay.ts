/**
 * The baseline of the tracking fan-out bench: a bare socket.io server with the same Redis
 * adapter as the gateway, relaying each courier's `location` to the dispatchers' room as
 * it arrives (per-courier form) or once a second (batched form), with nothing else: no
 * token, no shift check, no store. `GET /cpu` answers the process's CPU time.
 *
 *   node dist/bench/support/raw-relay.js <port> <redis url> <socket.io key>
 */
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Server } from 'socket.io';

interface Position {
  courierId: string;
  lat: number;
  lng: number;
  at: string;
}

const [port, redisUrl, key] = process.argv.slice(2);
const http = createServer((request, response) => {
  if (request.url === '/cpu') {
    const { user, system } = process.cpuUsage();
    response.end(JSON.stringify({ cpuSeconds: (user + system) / 1e6 }));
  } else response.writeHead(404).end();
});
const io = new Server(http, { serveClient: false, transports: ['websocket'] });
io.adapter(createAdapter(new Redis(redisUrl), new Redis(redisUrl), { key }));

const dispatch = io.of('/dispatch');
dispatch.on('connection', (socket) => void socket.join((socket.handshake.auth as { batch?: boolean }).batch ? 'batch' : 'single'));

let pending = new Map<string, Position>();
setInterval(() => {
  if (!pending.size) return;
  dispatch.to('batch').emit('courier.positions', { positions: [...pending.values()], snapshot: false });
  pending = new Map();
}, 1000).unref();

io.of('/courier').on('connection', (socket) => {
  const courierId = String((socket.handshake.auth as { courierId?: string }).courierId);
  socket.on('location', (message: { lat: number; lng: number; at: number }, ack?: (answer: unknown) => void) => {
    const position: Position = { courierId, lat: message.lat, lng: message.lng, at: new Date(message.at).toISOString() };
    dispatch.to('single').emit('courier.position', position);
    pending.set(courierId, position);
    ack?.({ ok: true });
  });
});

http.listen(Number(port), '127.0.0.1', () => console.log(`relay listening on ${port}`));
process.on('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
