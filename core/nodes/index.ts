export * from './spec';
export * from './params';
export * from './registry';
