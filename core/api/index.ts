export * from './errors';
export * from './schemas';
export * from './preview';
export * from './requests';
export * from './events';
export * from './contract';
export * from './wire';
