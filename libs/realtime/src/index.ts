export * from './broadcast-positions';
export * from './events';
export * from './last-order-status';
export * from './namespaces';
export * from './realtime-publisher';
export * from './realtime.module';
export * from './rooms';
export * from './socket-io-key';
