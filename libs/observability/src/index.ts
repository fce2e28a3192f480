export * from './backlog.metrics';
export * from './collected-gauge';
export * from './health.controller';
export * from './metrics';
export * from './observability.module';
