import type { ImportRule, LayerClass } from './layer-class';
import type { AnyNodeSpec, NodeRole } from './spec';
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
import { Glimpse } from './glimpse';
import { Conv1D } from './conv1d';
import { MaxPool1D } from './max-pool1d';
import { GlobalPool1D } from './global-pool1d';
import { Masking } from './masking';
import { BatchNorm } from './batch-norm';
import { Activation } from './activation';
import { ModelOutput } from './model-output';
import { Reshape } from './reshape';
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
  Glimpse,
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
  Reshape,
  Output,
  ModelOutput,
];

const byType = new Map(NODE_SPECS.map((spec) => [spec.type, spec]));

export function getNodeSpec(type: string): AnyNodeSpec | undefined {
  return byType.get(type);
}

/** Whether a node of this type has the role (false for a type Seqwire does not know). */
export function hasRole(type: string, role: NodeRole): boolean {
  return byType.get(type)?.role === role;
}

const layerClasses = new Map<string, LayerClass>();
for (const spec of NODE_SPECS) {
  for (const [name, layerClass] of Object.entries(spec.layerClasses ?? {})) {
    const had = layerClasses.get(name);
    if (had && had !== layerClass) throw new Error(`the tfjs layer class ${name} is written by two node types (the second: ${spec.type})`);
    layerClasses.set(name, layerClass);
  }
}

/** What the node types say about a tfjs layer class they build; undefined for a class no node type builds. */
export function getLayerClass(className: string): LayerClass | undefined {
  return layerClasses.get(className);
}

const importRules = new Map<string, ImportRule[]>();
for (const spec of NODE_SPECS) {
  for (const name of spec.importFrom?.classes ?? []) importRules.set(name, [...(importRules.get(name) ?? []), spec.importFrom!]);
}

/** The import rules that may take a layer of this class, in registry order. */
export function importRulesFor(className: string): readonly ImportRule[] {
  return importRules.get(className) ?? [];
}

/** The layer classes a model file may hold, for the message about one that is not among them. */
export const IMPORTABLE_CLASSES: readonly string[] = [...importRules.keys()].filter((name) => !name.startsWith('Seqwire'));
