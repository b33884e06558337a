import { feedbackSampleType, Output } from '../nodes/output';
import { paramsOf } from '../nodes/spec';
import { formatType } from '../shapes/tensor-type';
import type { NodeAnalysis } from './analyze';
import { quote } from '../quote';

/**
 * Why `feedback` on an input node cannot work, or `null` when it can: it must
 * name an `Output` whose one generated sample fits one step of the input.
 */
export function checkFeedback(input: NodeAnalysis, target: NodeAnalysis | undefined, name: string): string | null {
  if (!target) return `feedback names ${quote(name)}, which is not a node of this graph`;
  if (target.spec?.role !== 'head') return `feedback must name an Output node; ${quote(name)} is a ${target.node.type}`;
  // The Output's own params are wrong: it reports that itself.
  if (!target.ok && !target.params.head) return null;
  const head = paramsOf(Output, target.params);
  const sample = feedbackSampleType(head, input.node.type);
  if (input.node.type === 'TokenInput') {
    if (sample.dtype !== 'int32') return `feedback into token ids needs a softmax Output; ${quote(name)} has a ${head.head} head`;
    const vocab = input.params.vocabSize;
    if (typeof vocab === 'number' && head.units !== null && head.units !== vocab) {
      return `feedback: ${quote(name)} samples ids from ${head.units} classes but this input takes ${vocab} (vocabSize); make them equal`;
    }
    return null;
  }
  const features = input.params.features;
  const size = sample.shape[0];
  if (typeof features === 'number' && typeof size === 'number' && size !== features) {
    const what = head.head === 'mdn' ? 'stroke-5 steps [5]' : `samples ${formatType(sample)}`;
    return `feedback: ${quote(name)} gives ${what} but this input takes ${features} features per step`;
  }
  return null;
}
