export * from './geography';
export * from './test-api';
export * from './test-app';
export * from './test-environment';
export * from './order-requests';
export * from './repository-database';
export * from './free-port';
export * from './wait-until-ready';
