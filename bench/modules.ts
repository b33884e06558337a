import { canvasBench } from './canvas-bench';
import { cliBench } from './cli-bench';
import { generateBench } from './generate-bench';
import type { BenchModule } from './measure';
import { probeBench } from './probe-bench';
import { templatesBench } from './templates-bench';
import { validateBench } from './validate-bench';
import { fusedBench, matMulBench, trainBench, trainLoopBench } from './train-bench';
import { torchBench } from './torch-bench';
import { trainQualityBench } from './train-quality';

/** Every benchmark module, in the order the table shows them. Register new ones here. */
export const BENCH_MODULES: readonly BenchModule[] = [validateBench, cliBench, trainBench, torchBench, trainLoopBench, generateBench, probeBench, canvasBench, trainQualityBench];
/** Modules run only when named with `--only`, being part of another module's figures. */
export const EXTRA_BENCH_MODULES: readonly BenchModule[] = [fusedBench, matMulBench, templatesBench];
