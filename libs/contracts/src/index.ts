export * from './topics';
export * from './event-definition';
export * from './events/tenant.events';
