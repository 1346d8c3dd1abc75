// Payload classes carry decorator metadata (class-transformer @Type): load the polyfill with them.
import 'reflect-metadata';
export * from './topics';
export * from './application-version';
export * from './enums/operations';
export * from './enums/overview';
export * from './enums/notifications';
export * from './enums/telemetry';
export * from './event-definition';
export * from './events/tenant.events';
export * from './events/environment.events';
export * from './events/lifecycle.events';
export * from './events/update-results.events';
export * from './events/notification.events';
export * from './events/telemetry.events';
export * from './events/sandbox.events';
export * from './telemetry/telemetry-event';
export * from './telemetry/telemetry-ingest.events';
