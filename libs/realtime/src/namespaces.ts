/** The gateway's socket.io namespaces, as the public contract names them. */
export const namespaces = {
  courier: '/courier',
  dispatch: '/dispatch',
  track: '/track',
} as const;

export type NamespaceName = (typeof namespaces)[keyof typeof namespaces];
