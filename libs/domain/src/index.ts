export * from './decision';
export * from './decision-specification';
