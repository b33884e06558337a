export * from './codes';
export * from './analyze';
