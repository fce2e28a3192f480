export * from './data-source-options';
export * from './database.module';
export * from './entities';
export * from './repositories';
export * from './run-migrations';
export * from './tenant-context';
export * from './transactions';
export * from './scoped-transaction';
