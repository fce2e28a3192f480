import { Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { refusedHandshakes } from '../tracking-metrics';

/** Why a handshake was refused; the client receives it as `connect_error` with `err.data.code`. */
export type RefusalCode = 'unauthorized' | 'forbidden' | 'unavailable';

export class HandshakeRefusal extends Error {
  readonly data: { code: RefusalCode };

  constructor(code: RefusalCode, message: string) {
    super(message);
    this.name = 'HandshakeRefusal';
    this.data = { code };
  }
}

const logger = new Logger('Handshake');

/**
 * socket.io middleware from an async check: the socket connects only if the check resolves.
 * A refusal reaches the client as it is; anything else (a store down) as `unavailable`,
 * without internals.
 */
export function handshakeMiddleware<S extends Socket>(namespace: string, check: (socket: S) => Promise<void>) {
  return (socket: S, next: (error?: Error) => void): void => {
    check(socket).then(
      () => next(),
      (error: unknown) => {
        const refusal = error instanceof HandshakeRefusal ? error : new HandshakeRefusal('unavailable', 'The tracking service cannot check credentials right now');
        if (!(error instanceof HandshakeRefusal)) logger.error({ err: error, namespace }, 'handshake check failed');
        refusedHandshakes.inc({ namespace, reason: refusal.data.code });
        next(refusal);
      },
    );
  };
}

/** The `auth.token` the client sent (`io(url, { auth: { token } })`); never from the query string, which ends up in logs. */
export function handshakeToken(socket: Socket): string {
  const token = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
  if (typeof token !== 'string' || !token || token.length > 4096) throw new HandshakeRefusal('unauthorized', 'A token is required (auth: { token })');
  return token;
}
