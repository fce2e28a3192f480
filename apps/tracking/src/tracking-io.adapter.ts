import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Server, ServerOptions } from 'socket.io';
import { AppConfig } from '@lib/config';
import { closeRedis, createRedis, PIPELINED } from '@lib/queues';
import { socketIoKey } from '@lib/realtime';
import { HandshakeRefusal } from './handshake/handshake-refusal';
import { HandshakeLimiter } from './handshake-limiter';
import { isOriginAllowed } from './origin-policy';
import { MAX_FRAME_BYTES } from './tracking-limits';

/**
 * The socket.io server of the gateway: the Redis adapter (events reach sockets on every
 * instance, and the publisher's emitter reaches them too), the Origin allow-list, the frame
 * size limit. One server carries the three namespaces.
 */
export class TrackingIoAdapter extends IoAdapter {
  private server?: Server;
  private readonly redisClients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  /**
   * Builds the server from our own socket.io (the one the gateways, the adapter and the
   * tests import) rather than the copy nested in @nestjs/platform-socket.io; hence the loose
   * signature, which the base class types against that nested copy.
   */
  override createIOServer(port: number, options: object = {}): any {
    const allowed = this.config.env.CORS_ORIGINS;
    const perMinute = this.config.env.HANDSHAKES_PER_MINUTE;
    const handshakes = new HandshakeLimiter(perMinute, Math.max(1, Math.ceil(perMinute / 4)));
    const serverOptions: Partial<ServerOptions> = {
      ...(options as Partial<ServerOptions>),
      serveClient: false,
      maxHttpBufferSize: MAX_FRAME_BYTES,
      allowRequest: (request, callback) => {
        if (!isOriginAllowed(request, allowed)) return callback('origin not allowed', false);
        // Only the opening request of a connection counts, not its later polling requests.
        const opening = !new URL(request.url ?? '/', 'http://gateway').searchParams.has('sid');
        if (opening && !handshakes.allow(request)) return callback('too many connection attempts', false);
        callback(null, true);
      },
      ...(allowed.length ? { cors: { origin: allowed } } : {}),
    };
    const server = this.httpServer && port === 0 ? new Server(this.httpServer, serverOptions) : new Server(port, serverOptions);
    // The subscriber is in subscribe mode for good, so it cannot be the shared command connection.
    const publisher = createRedis(this.config, 'socket.io-pub', PIPELINED);
    const subscriber = createRedis(this.config, 'socket.io-sub');
    this.redisClients.push(publisher, subscriber);
    server.adapter(createAdapter(publisher, subscriber, { key: socketIoKey(this.config) }));
    // Nothing lives on the main namespace: refuse it rather than hold unauthenticated connections.
    server.of('/').use((_socket, next) => next(new HandshakeRefusal('forbidden', 'Connect to /courier, /dispatch or /track')));
    this.server = server;
    return server;
  }

  /** On shutdown: drop this instance's sockets (clients reconnect to another instance), then the Redis connections. */
  override async dispose(): Promise<void> {
    if (this.server) {
      for (const namespace of this.server._nsps.values()) namespace.local.disconnectSockets(true);
      this.server.engine.close();
    }
    await Promise.all(this.redisClients.map((client) => closeRedis(client)));
  }
}
