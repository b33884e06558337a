import { fusedRecurrentUse, resetFusedRecurrentUse, setFusedRecurrent, setFusedWholeStep } from '../../../core/nodes/fused-rnn';

export { registerFusedKernels } from './kernels';
export { registerChainStepKernel } from './chain-kernel';
export { registerMdnLossKernel } from './mdn-kernel';
export { registerDenseKernels } from './dense-kernel';
export { fusedLoadProblem } from './module';
/** The bench's switch and report: see core/nodes/fused-rnn.ts. */
export { fusedRecurrentUse, resetFusedRecurrentUse, setFusedRecurrent, setFusedWholeStep };

// SEQWIRE_FUSED=0 starts with the fused recurrent kernels off (to compare, or to rule them out).
if (process.env.SEQWIRE_FUSED === '0') setFusedRecurrent(false);
