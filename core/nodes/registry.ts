import type { AnyNodeSpec, NodeCategory } from './spec';
// Registers the fast orthogonal initializer over tfjs's before any model is built or loaded.
import './orthogonal';
import { SequenceInput } from './sequence-input';
import { TokenInput } from './token-input';
import { VectorInput } from './vector-input';
import { ImageInput } from './image-input';
import { SimpleRNN } from './simple-rnn';
import { LSTM } from './lstm';
import { GRU } from './gru';
import { Stack } from './stack';
import { Embedding } from './embedding';
import { Dense } from './dense';
import { Dropout } from './dropout';
import { RepeatVector } from './repeat-vector';
import { Concatenate } from './concatenate';
import { Add } from './add';
import { Attention } from './attention';
import { Conv2D } from './conv2d';
import { MaxPool2D } from './max-pool2d';
import { Flatten } from './flatten';
import { Conv1D } from './conv1d';
import { MaxPool1D } from './max-pool1d';
import { GlobalPool1D } from './global-pool1d';
import { Masking } from './masking';
import { BatchNorm } from './batch-norm';
import { Activation } from './activation';
import { Output } from './output';

/** Every node type Seqwire knows. Adding a type means one module and one line here. */
export const NODE_SPECS: readonly AnyNodeSpec[] = [
  SequenceInput,
  TokenInput,
  VectorInput,
  ImageInput,
  SimpleRNN,
  LSTM,
  GRU,
  Stack,
  Embedding,
  Dense,
  Dropout,
  RepeatVector,
  Concatenate,
  Add,
  Attention,
  Conv2D,
  MaxPool2D,
  Flatten,
  Conv1D,
  MaxPool1D,
  GlobalPool1D,
  Masking,
  BatchNorm,
  Activation,
  Output,
];

const byType = new Map(NODE_SPECS.map((spec) => [spec.type, spec]));

export function getNodeSpec(type: string): AnyNodeSpec | undefined {
  return byType.get(type);
}

export function specsInCategory(category: NodeCategory): AnyNodeSpec[] {
  return NODE_SPECS.filter((spec) => spec.category === category);
}
