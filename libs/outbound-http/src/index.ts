export * from './address-policy';
export * from './destination-check';
export * from './public-only-lookup';
