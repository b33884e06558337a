import { canvasBench } from './canvas-bench';
import { generateBench } from './generate-bench';
import type { BenchModule } from './measure';
import { validateBench } from './validate-bench';
import { fusedBench, trainBench, trainLoopBench } from './train-bench';
import { trainQualityBench } from './train-quality';

/** Every benchmark module, in the order the table shows them. Register new ones here. */
export const BENCH_MODULES: readonly BenchModule[] = [validateBench, trainBench, trainLoopBench, generateBench, canvasBench, trainQualityBench];
/** Modules run only when named with `--only`, being part of another module's figures. */
export const EXTRA_BENCH_MODULES: readonly BenchModule[] = [fusedBench];
