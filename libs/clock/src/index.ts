export * from './clock';
export * from './adjustable-clock';
export * from './create-clock';
