import type { Socket } from 'socket.io';
import { Principal, SessionRevocations, Tokens } from '@lib/auth';
import type { Role } from '@lib/database';
import { HandshakeRefusal, handshakeToken } from './handshake-refusal';

export type Person = Principal & { cooperativeId: string; userId: string };

/**
 * A person's access token at the handshake: valid, not expired, not revoked, of one of
 * `roles`, in a cooperative. The gateway puts the socket in the person's room, which
 * `RealtimePublisher.disconnectUser` closes when their sessions are revoked.
 */
export async function authenticatePerson(tokens: Tokens, revocations: SessionRevocations, socket: Socket, roles: readonly Role[]): Promise<Person> {
  const principal = tokens.verify(handshakeToken(socket));
  if (!principal || !principal.userId || (await revocations.isRevoked(principal))) throw new HandshakeRefusal('unauthorized', 'Missing, invalid or expired token');
  if (!roles.includes(principal.role) || !principal.cooperativeId) {
    throw new HandshakeRefusal('forbidden', `This namespace is for ${roles.join(' or ')} accounts`);
  }
  disconnectWhenExpired(socket, principal.expiresAt);
  return principal as Person;
}

/** Longest delay a Node timer takes; a token that outlives it is re-checked at the next reconnect. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The token was checked once, at the handshake: when it expires the socket is closed, so a
 * revoked courier or dispatcher does not keep receiving events on an old login. The client
 * reconnects with a fresh token.
 */
function disconnectWhenExpired(socket: Socket, expiresAt: Date | undefined): void {
  if (!expiresAt) return;
  const timer = setTimeout(() => socket.disconnect(true), Math.min(MAX_TIMER_MS, Math.max(0, expiresAt.getTime() - Date.now())));
  timer.unref();
  socket.once('disconnect', () => clearTimeout(timer));
}
