import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Server } from 'socket.io';
import { broadcastPositionFrame, broadcastPositionsSingly, broadcastPositionsToDispatchers, RoomBroadcaster } from '@lib/realtime';
import type { CourierPositionEvent } from '@lib/wire';
import { positionFrames } from '../tracking-metrics';
import { POSITION_TICK_MS } from '../tracking-limits';
import { PartnerCarriedCouriers } from './partner-carried-couriers';
import { PositionCoalescer } from './position-coalescer';

/** How often positions held back within a courier's window are looked at (they go out at most this late). */
const DUE_CHECK_MS = 50;

/**
 * Sends the positions this instance ingested to dispatchers and customers through the Redis
 * adapter (so sockets on every instance get them). Each instance sends its own couriers.
 * Per courier, a position after a quiet second goes out at once and later ones in that second
 * at its end (at most one per courier per second); the batched frame goes out once per tick,
 * so a batched dispatcher receives at most one frame per instance per tick.
 */
@Injectable()
export class PositionFanout implements OnModuleInit, OnModuleDestroy {
  private readonly coalescer = new PositionCoalescer(POSITION_TICK_MS);
  private server?: Server;
  private tickTimer?: NodeJS.Timeout;
  private dueTimer?: NodeJS.Timeout;

  constructor(private readonly partnerCarried: PartnerCarriedCouriers) {}

  /** The socket.io server, known once the gateways are initialised. */
  attach(server: Server): void {
    this.server = server;
  }

  onModuleInit(): void {
    this.tickTimer = setInterval(() => this.tick(), POSITION_TICK_MS);
    this.tickTimer.unref();
    this.dueTimer = setInterval(() => this.sendDue(), DUE_CHECK_MS);
    this.dueTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.tickTimer);
    clearInterval(this.dueTimer);
  }

  add(cooperativeId: string, position: CourierPositionEvent): void {
    if (this.coalescer.add(cooperativeId, position) && this.server) this.sendSingly(cooperativeId, [position]);
  }

  private sendSingly(cooperativeId: string, positions: CourierPositionEvent[]): void {
    broadcastPositionsSingly(this.broadcaster, cooperativeId, positions);
    for (const [owner, carried] of this.forOwners(positions)) broadcastPositionsToDispatchers(this.broadcaster, owner, carried);
  }

  /** Positions of couriers holding another co-op's order, by that co-op (its dispatchers follow them while they hold it). */
  private forOwners(positions: CourierPositionEvent[]): Map<string, CourierPositionEvent[]> {
    const byOwner = new Map<string, CourierPositionEvent[]>();
    if (!this.partnerCarried.size) return byOwner;
    for (const position of positions) {
      for (const owner of this.partnerCarried.ownersFollowing(position.courierId)) byOwner.set(owner, [...(byOwner.get(owner) ?? []), position]);
    }
    return byOwner;
  }

  private get broadcaster(): RoomBroadcaster {
    return this.server as unknown as RoomBroadcaster;
  }

  private sendDue(): void {
    if (!this.server) return;
    for (const { cooperativeId, positions } of this.coalescer.due()) this.sendSingly(cooperativeId, positions);
  }

  private tick(): void {
    if (!this.server) return;
    for (const { cooperativeId, positions } of this.coalescer.drain()) {
      broadcastPositionFrame(this.broadcaster, cooperativeId, positions);
      for (const [owner, carried] of this.forOwners(positions)) broadcastPositionFrame(this.broadcaster, owner, carried);
      positionFrames.inc();
    }
  }
}
