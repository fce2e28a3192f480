/** Outbox topics: what the relay turns each event into. Persisted in the outbox table. */
export const topics = {
  /** `{ orderId }`: find a courier for the order. */
  dispatch: 'dispatch',
  /** `{ offerId, expiresAt }`: end the offer if nobody answered it by then (a delayed job). */
  offerExpiry: 'offer.expiry',
  /** `{ deliveryId }`: send one webhook delivery. */
  webhookDelivery: 'webhook.delivery',
} as const;
