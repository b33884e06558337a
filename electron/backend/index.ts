export * from './select';
export * from './wasm-kernels';
export { fusedRecurrentUse, setFusedRecurrent } from './fused';
export { setTransposingMatMul } from './wasm-matmul';
