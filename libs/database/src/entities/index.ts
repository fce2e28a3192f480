/**
 * The rows the repositories read and write, as plain records: no ORM mapping, each
 * repository selects its columns explicitly (see "How it is built" in the README).
 */
export * from './cooperative.record';
export * from './cooperative-settings';
export * from './courier.record';
export * from './merchant-api-key.record';
export * from './merchant.record';
export * from './role';
export * from './user.record';
