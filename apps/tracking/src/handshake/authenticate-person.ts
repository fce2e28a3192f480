import type { Socket } from 'socket.io';
import { Principal, Tokens } from '@lib/auth';
import type { Role } from '@lib/database';
import { HandshakeRefusal, handshakeToken } from './handshake-refusal';

/** A person's access token at the handshake: valid, not expired, of one of `roles`, in a cooperative. */
export function authenticatePerson(tokens: Tokens, socket: Socket, roles: readonly Role[]): Principal & { cooperativeId: string } {
  const principal = tokens.verify(handshakeToken(socket));
  if (!principal) throw new HandshakeRefusal('unauthorized', 'Missing, invalid or expired token');
  if (!roles.includes(principal.role) || !principal.cooperativeId) {
    throw new HandshakeRefusal('forbidden', `This namespace is for ${roles.join(' or ')} accounts`);
  }
  return principal as Principal & { cooperativeId: string };
}
