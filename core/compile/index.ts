export * from './types';
export * from './compile';
export * from './losses';
export * from './mdn';
