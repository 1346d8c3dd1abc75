// Payload classes carry decorator metadata (class-transformer @Type): load the polyfill with them.
import 'reflect-metadata';
export * from './topics';
export * from './event-definition';
export * from './events/tenant.events';
export * from './events/environment.events';
export * from './events/lifecycle.events';
export * from './events/update-results.events';
