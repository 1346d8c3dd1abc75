export * from './roles';
export * from './token-verifier';
export * from './dev-token';
export * from './internal-token';
export * from './telemetry-key';
