/**
 * What order transitions need of offers: an open offer exists only while its order is
 * `offered`, so every other move withdraws it, in the move's transaction. Offers have one
 * home, `libs/dispatch` (`OfferWithdrawal` provides this); orders only say when.
 */
export abstract class OpenOffers {
  /** Withdraws the order's open offer, if any, and tells its courier once committed. */
  abstract withdrawOpen(orderId: string, reason: string): Promise<void>;
}
