export * from './select';
export * from './wasm-kernels';
export { fusedRecurrentUse, setFusedRecurrent } from './fused';
