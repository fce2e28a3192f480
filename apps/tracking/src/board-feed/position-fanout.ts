import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Server } from 'socket.io';
import { broadcastCourierPositions, RoomBroadcaster } from '@lib/realtime';
import type { CourierPositionEvent } from '@lib/wire';
import { positionFrames } from '../tracking-metrics';
import { POSITION_TICK_MS } from '../tracking-limits';
import { PositionCoalescer } from './position-coalescer';

/**
 * Sends the positions this instance ingested to dispatchers and customers, once per tick,
 * through the Redis adapter (so sockets on every instance get them). Each instance sends
 * its own couriers; a dispatcher receives at most one frame per instance per tick.
 */
@Injectable()
export class PositionFanout implements OnModuleInit, OnModuleDestroy {
  private readonly coalescer = new PositionCoalescer();
  private server?: Server;
  private timer?: NodeJS.Timeout;

  /** The socket.io server, known once the gateways are initialised. */
  attach(server: Server): void {
    this.server = server;
  }

  onModuleInit(): void {
    this.timer = setInterval(() => this.tick(), POSITION_TICK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  add(cooperativeId: string, position: CourierPositionEvent): void {
    this.coalescer.add(cooperativeId, position);
  }

  private tick(): void {
    if (!this.server) return;
    for (const { cooperativeId, positions } of this.coalescer.drain()) {
      broadcastCourierPositions(this.server as unknown as RoomBroadcaster, cooperativeId, positions);
      positionFrames.inc();
    }
  }
}
