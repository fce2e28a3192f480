import { Global, Module } from '@nestjs/common';
import { DispatchTrigger } from './dispatch-trigger';
import { OfferLifecycle } from './offer-lifecycle.service';

/** Offers and dispatch requests, shared by the API (answers) and the dispatcher (offers, expiry). */
@Global()
@Module({ providers: [OfferLifecycle, DispatchTrigger], exports: [OfferLifecycle, DispatchTrigger] })
export class DispatchDomainModule {}
