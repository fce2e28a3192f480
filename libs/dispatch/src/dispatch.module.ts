import { Global, Module } from '@nestjs/common';
import { OpenOffers } from '@lib/orders';
import { DispatchTrigger } from './dispatch-trigger';
import { OfferLifecycle } from './offer-lifecycle.service';
import { OfferWithdrawal } from './offer-withdrawal';

/**
 * Offers and dispatch requests, shared by the API (answers) and the dispatcher (offers,
 * expiry): the only module that writes offers. Order transitions withdraw open offers through
 * it (`OpenOffers`).
 */
@Global()
@Module({
  providers: [OfferLifecycle, OfferWithdrawal, DispatchTrigger, { provide: OpenOffers, useExisting: OfferWithdrawal }],
  exports: [OfferLifecycle, DispatchTrigger, OpenOffers],
})
export class DispatchDomainModule {}
