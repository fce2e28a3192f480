import { Rng, seededRng } from '@lib/dispatch-policy';

/** Stands in for the courier's phone: accepts or declines an offer. */
export interface OfferResponder {
  respond(courierId: string, orderIds: readonly string[]): 'accept' | 'decline';
}

export const ALWAYS_ACCEPT: OfferResponder = { respond: () => 'accept' };

/** Declines each offer with probability `rate`, from its own seeded stream so
 *  the policy's draws (if any) never shift which offers get declined. */
export function seededDeclines(rate: number, seed: number): OfferResponder {
  if (rate <= 0) return ALWAYS_ACCEPT;
  const rng: Rng = seededRng(seed);
  return { respond: () => (rng() < rate ? 'decline' : 'accept') };
}
