export * from './select';
export * from './wasm-kernels';
export { fusedRecurrentUse, setFusedRecurrent, setFusedWholeStep } from './fused';
export { setTransposingMatMul } from './wasm-matmul';
