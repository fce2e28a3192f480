import { counter } from '@lib/observability';

/** Offers made, and how they ended: accepted, declined or expired (counted in the transaction that does it). */
export const offerOutcomes = counter('dispatch_offers_total', 'Offers by outcome: made, accepted, declined, expired', ['outcome']);
