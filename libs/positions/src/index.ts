export * from './courier-positions';
export * from './location-history.writer';
export * from './parse-position-fix';
export * from './position-fix';
export * from './position-rules';
export * from './positions.module';
