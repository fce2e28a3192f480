/**
 * Room names. Only the server puts sockets in rooms (clients never name one), and both the
 * gateway and the publisher address them through these functions, so a typo cannot split
 * a room in two.
 */
export const rooms = {
  /** `/dispatch`: every dispatcher and coop admin of a cooperative (orders, courier status). */
  cooperative: (cooperativeId: string) => `coop:${cooperativeId}`,
  /**
   * `/dispatch`: the cooperative's dispatchers that receive positions, in the form they
   * asked for at the handshake: one `courier.position` per courier (the contract's event)
   * or one `courier.positions` frame per tick (`auth: { batch: true }`).
   */
  cooperativePositions: (cooperativeId: string, form: PositionsForm) => `coop:${cooperativeId}:positions:${form}`,
  /** `/courier`: the sockets of one courier (a phone and a tablet, or a reconnecting app). */
  courier: (courierId: string) => `courier:${courierId}`,
  /** `/courier` and `/dispatch`: every socket of one person, closed when their sessions are revoked. */
  user: (userId: string) => `user:${userId}`,
  /** `/track`: the customers following one order. */
  order: (orderId: string) => `order:${orderId}`,
  /**
   * `/track`: the customers whose order this courier currently holds (`assigned` or
   * `picked_up`); the gateway moves sockets in and out as the order's status changes.
   */
  courierFollowers: (courierId: string) => `followers:${courierId}`,
};

export type PositionsForm = 'single' | 'batch';
