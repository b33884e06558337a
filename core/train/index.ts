export * from './options';
export * from './optimizer';
export * from './events';
export * from './state';
export * from './checkpoint';
export * from './trainer';
export * from './bindings';
export * from './gradient-flow';
export { Rng, withSeededRandom } from './random';
