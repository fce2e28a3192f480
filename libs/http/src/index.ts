export * from './check-stores';
export * from './configure-http-app';
export * from './correlation-id';
export * from './logging.module';
export * from './problem';
export * from './problem.filter';
export * from './start-process';
export * from './validation.pipe';
