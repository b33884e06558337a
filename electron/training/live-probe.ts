import type { CompiledModel } from '../../core/compile/types';
import type { Dataset } from '../../core/data/types';
import type { Graph } from '../../core/graph/schema';
import { limitProbe } from '../../core/probe/limit';
import { probeRunSample, type SampleProbe } from '../../core/probe/sample';

/** The most of a run's time probes may take: a probe runs every N batches, N chosen from measured times to stay under it. */
export const PROBE_SHARE = 0.1;

/**
 * The share the interval is chosen for: half the budget, because a probe also
 * costs what its own timing cannot see (the training step's data pushed out
 * of the caches, garbage collected later); at the full share the bench
 * measured 12 % once the training step had become fast.
 */
const PROBE_AIM = PROBE_SHARE / 2;

/** Smaller than an asked-for probe's limits: these go to the window every few batches, and the host's thread must stay quick. */
const LIVE_LIMITS = { steps: 256, values: 16_384 };

/**
 * Looks inside the model while it trains: one sample of the validation
 * split, probed every N batches with N chosen so that probing costs at most
 * `PROBE_SHARE` of the training time (measured as the run goes), and at once
 * on every pause (after a step, so each step shows what it changed).
 */
export class LiveProbe {
  private sample: number | null;
  private every = 1;
  private sinceLast = 0;
  private stepMs = 0;
  private lastBatchAt = 0;

  constructor(
    private readonly run: { compiled: CompiledModel; graph: Graph; dataset: Dataset },
    sample: number | null,
    private readonly post: (probe: SampleProbe | { error: string }) => void,
  ) {
    this.sample = sample;
  }

  /** Probes another sample from now on (null: stop), and shows it at once. */
  watch(sample: number | null): void {
    this.sample = sample;
    if (sample !== null) this.now();
  }

  /** After every batch: probes when N batches have passed since the last probe. */
  afterBatch(): void {
    const t = performance.now();
    if (this.lastBatchAt) this.stepMs = this.stepMs ? 0.9 * this.stepMs + 0.1 * (t - this.lastBatchAt) : t - this.lastBatchAt;
    this.lastBatchAt = t;
    if (this.sample === null) return;
    if (++this.sinceLast >= this.every) this.now();
  }

  /** Probes now (on a pause, or when asked). */
  now(): void {
    if (this.sample === null) return;
    const start = performance.now();
    try {
      this.post(limitProbe(probeRunSample(this.run.compiled, this.run.graph, this.run.dataset, this.sample), LIVE_LIMITS));
    } catch (err) {
      this.post({ error: (err as Error).message });
      this.sample = null;
      return;
    }
    const probeMs = performance.now() - start;
    this.sinceLast = 0;
    // The probe's own time is not a batch's: measure the next batch from here.
    this.lastBatchAt = performance.now();
    if (this.stepMs > 0) this.every = Math.max(1, Math.ceil(probeMs / (PROBE_AIM * this.stepMs)));
  }

  /** Batches between two probes, as last chosen. */
  get interval(): number {
    return this.every;
  }
}
