export * from './queue-connection.module';
export * from './queue-registry';
export * from './queues.module';
export * from './redis';
export * from './redis.module';
export * from './with-timeout';
