export * from './access.decorators';
export * from './api-keys';
export * from './auth.module';
export * from './login-throttle';
export * from './passwords';
export * from './principal';
export * from './tokens';
export * from './route-policy';
