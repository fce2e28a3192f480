export * from './dispatch-trigger';
export * from './dispatch.module';
export * from './offer-lifecycle.service';
export * from './offer-withdrawal';
