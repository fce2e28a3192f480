export * from './correlation-context';
