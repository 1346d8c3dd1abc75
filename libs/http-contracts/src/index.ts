import 'reflect-metadata';
export * from './page';
export * from './partners';
export * from './tenants';
export * from './notifications';
export * from './telemetry';
export * from './keyset-cursor';
export * from './idempotency';
export * from './overview';
