export * from './services';
export * from './service-process';
export * from './launch-system';
export * from './supervised-service';
