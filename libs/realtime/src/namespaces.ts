import type { NamespaceName } from '@lib/wire';

/** The gateway's socket.io namespaces, as the public contract (and `SocketNamespaces` in `@lib/wire`) names them. */
export const namespaces = {
  courier: '/courier',
  dispatch: '/dispatch',
  track: '/track',
} as const satisfies Record<string, NamespaceName>;
