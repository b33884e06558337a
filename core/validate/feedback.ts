import type { NodeAnalysis } from './analyze';

/**
 * Why `feedback` on an input node cannot work, or `null` when it can: it must
 * name an `Output` whose one generated sample fits one step of the input.
 */
export function checkFeedback(input: NodeAnalysis, target: NodeAnalysis | undefined, name: string): string | null {
  if (!target) return `feedback names "${name}", which is not a node of this graph`;
  if (target.node.type !== 'Output') return `feedback must name an Output node; "${name}" is a ${target.node.type}`;
  const head = target.params.head as string | undefined;
  const units = target.params.units as number | undefined;
  if (!head) return null; // the Output's own params are wrong; it reports that itself
  const sampleSize = head === 'mdn' ? 5 : units;
  if (input.node.type === 'TokenInput') {
    if (head !== 'softmax') return `feedback into token ids needs a softmax Output; "${name}" has a ${head} head`;
    const vocab = input.params.vocabSize as number | undefined;
    if (units !== undefined && vocab !== undefined && units !== vocab) {
      return `feedback: "${name}" samples ids from ${units} classes but this input takes ${vocab} (vocabSize); make them equal`;
    }
    return null;
  }
  const features = input.params.features as number | undefined;
  if (sampleSize !== undefined && features !== undefined && sampleSize !== features) {
    const what = head === 'mdn' ? 'stroke-5 steps (5 values)' : `${sampleSize} values per step`;
    return `feedback: "${name}" samples ${what} but this input takes ${features} features per step`;
  }
  return null;
}
