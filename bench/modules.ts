import type { BenchModule } from './measure';
import { validateBench } from './validate-bench';

/** Every benchmark module, in the order the table shows them. Register new ones here. */
export const BENCH_MODULES: readonly BenchModule[] = [validateBench];
