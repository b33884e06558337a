/** One benchmark figure: its value, the unit, and the target it is held to (if any). */
export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  target?: string;
  /** True when the target is met, false when missed, undefined when there is none. */
  pass?: boolean;
  note?: string;
}

/** A group of measurements; `slow` ones run only with `--quality`. */
export interface BenchModule {
  name: string;
  slow?: boolean;
  run(): Promise<Figure[]>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, and gives the median milliseconds. */
export async function medianMs(fn: () => unknown, runs: number, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}
