import { limitProbe } from '../probe/limit';
import { ProbeError, type ProbeRequest } from '../probe/probe';
import { probeRunSample, type SampleProbe } from '../probe/sample';
import { RunError } from './errors';
import type { LoadedRun } from './load';

/** What to probe in a run: a sample of its validation split, and the wires and nodes wanted. */
export interface ProbeOptions extends ProbeRequest {
  sample: number;
}

/**
 * What flows inside a loaded run for one sample of the split it validated on
 * (see core/probe), cut to what one answer may carry. The window, the
 * browser mode and `seqwire probe` all come here.
 */
export async function probeFromRun(run: LoadedRun, options: ProbeOptions): Promise<SampleProbe> {
  const { dataset, note } = await run.data();
  if (!dataset) throw new RunError('bad-input', `cannot probe this run: ${note}`);
  try {
    return limitProbe(probeRunSample(run.compiled, run.graph, dataset, options.sample, { wires: options.wires, nodes: options.nodes }));
  } catch (err) {
    if (err instanceof ProbeError) throw new RunError('bad-input', err.message);
    throw err;
  }
}
