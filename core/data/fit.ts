import { formatShape, type TensorType } from '../shapes/tensor-type';
import type { FieldInfo } from './types';

/**
 * Whether the ids of a field fit a node that takes ids (`TokenInput` or
 * `Embedding` `vocabSize`, a softmax `Output`'s `units`): the message names
 * both sizes, or `null` when they fit.
 */
export function checkVocabFits(fieldName: string, field: FieldInfo, nodeId: string, paramName: string, size: number): string | null {
  if (!field.vocab) return null;
  const needed = field.vocab.tokens.length;
  if (needed <= size) return null;
  return `field "${fieldName}" has ${needed} distinct ids (0 to ${needed - 1}) but node "${nodeId}" has ${paramName} ${size}; set ${paramName} to at least ${needed}`;
}

/**
 * Whether a field can feed a model input of type `expected` (a dimension of
 * `null` takes any size), or `null` when it can. Ids feed int inputs; floats
 * feed float inputs.
 */
export function checkFieldFitsInput(fieldName: string, field: FieldInfo, nodeId: string, expected: TensorType): string | null {
  const fits = field.shape.length === expected.shape.length && field.shape.every((d, i) => expected.shape[i] === null || d === expected.shape[i]);
  if (!fits) return `field "${fieldName}" is ${formatShape(field.shape)} but node "${nodeId}" takes ${formatShape(expected.shape)}`;
  if (field.dtype !== expected.dtype) {
    return `field "${fieldName}" holds ${field.dtype === 'int32' ? 'int ids' : 'floats'} but node "${nodeId}" takes ${expected.dtype === 'int32' ? 'int ids' : 'floats'}`;
  }
  return null;
}
