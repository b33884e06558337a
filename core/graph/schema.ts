import { z } from 'zod';
import { clip, excerpt } from '../quote';

/** The `format` tag every Seqwire project file carries. */
export const GRAPH_FORMAT = 'seqwire.graph';
/** The newest graph-format version this build reads and writes. */
export const GRAPH_VERSION = 1;

/** A canvas position; optional in files written by hand or by scripts. */
export const zPosition = z.object({ x: z.number(), y: z.number() });
export type Position = z.infer<typeof zPosition>;

/**
 * A node as written in the file. Its `params` are checked against the node
 * type's own schema by `validate`, so that a bad param is a diagnostic on that
 * node rather than a file that cannot be opened.
 */
export const zGraphNode = z.looseObject({
  id: z.string().min(1, 'a node id must not be empty'),
  type: z.string().min(1, 'a node type must not be empty'),
  /** A display name for the canvas; the id stays the key (and the layer name). */
  label: z.string().optional(),
  position: zPosition.optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type GraphNode = z.infer<typeof zGraphNode>;

/** One wire: an output port of `source` into an input port of `target`. */
export const zGraphEdge = z.looseObject({
  id: z.string().min(1),
  source: z.string().min(1),
  sourceHandle: z.string().min(1),
  target: z.string().min(1),
  targetHandle: z.string().min(1),
});
export type GraphEdge = z.infer<typeof zGraphEdge>;

export const zBuiltinDataset = z.looseObject({
  builtin: z.string().min(1),
  options: z.record(z.string(), z.unknown()).optional(),
});
export const zFileDataset = z.looseObject({
  file: z.string().min(1),
  format: z.string().min(1),
  options: z.record(z.string(), z.unknown()).optional(),
});
/** Where training data comes from: a built-in generator or a file. */
export const zDatasetRef = z.union([zBuiltinDataset, zFileDataset]);
export type DatasetRef = z.infer<typeof zDatasetRef>;

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop', 'adagrad'] as const;
export const zOptimizer = z.looseObject({
  type: z.enum(OPTIMIZERS),
  learningRate: z.number().positive().max(10).optional(),
});
export type OptimizerSpec = z.infer<typeof zOptimizer>;

/**
 * The training options as they must be: `trainingProblems` checks a graph's
 * options against this, and `validate` reports each problem as a diagnostic.
 */
export const zTrainingOptions = z.looseObject({
  optimizer: zOptimizer.optional(),
  batchSize: z.number().int().min(1).max(65536).optional(),
  epochs: z.number().int().min(1).max(100000).optional(),
  clipNorm: z.number().min(0).optional(),
  validationSplit: z.number().min(0).lt(1).optional(),
  seed: z.number().int().optional(),
});

/**
 * An option value kept as the file wrote it: a file whose `learningRate` is
 * "abc" or -1 still opens, and the value is a diagnostic (`invalid-training`),
 * like a bad node param, not an unreadable file. Typed as the valid value
 * because nothing trains or exports a graph that has error diagnostics.
 */
const kept = <T>() => z.custom<T>(() => true);

/** The optional `training` section; absent fields take the trainer's defaults. */
export const zTraining = z.looseObject({
  dataset: zDatasetRef.optional(),
  bindings: z.record(z.string(), z.string()).optional(),
  optimizer: kept<OptimizerSpec>().optional(),
  batchSize: kept<number>().optional(),
  epochs: kept<number>().optional(),
  clipNorm: kept<number>().optional(),
  validationSplit: kept<number>().optional(),
  seed: kept<number>().optional(),
});
export type Training = z.infer<typeof zTraining>;

/** Text on the canvas: the user's notes, or a template's explanation; `collapsed` shows its first line only. */
export const zNote = z.looseObject({
  id: z.string().min(1),
  text: z.string(),
  position: zPosition,
  width: z.number().positive().optional(),
  collapsed: z.boolean().optional(),
});
export type Note = z.infer<typeof zNote>;

/** A titled frame on the canvas; the nodes and notes inside it move with it. */
export const zGroup = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  position: zPosition,
  width: z.number().positive(),
  height: z.number().positive(),
});
export type Group = z.infer<typeof zGroup>;

/** What is wrong with a graph's training options, each with where it is (`training.optimizer.learningRate`). */
export function trainingProblems(training: unknown): { path: string; message: string }[] {
  if (training === undefined) return [];
  const parsed = zTrainingOptions.safeParse(training);
  if (parsed.success) return [];
  return parsed.error.issues.slice(0, 10).map((issue) => {
    let found: unknown = training;
    for (const key of issue.path) found = found !== null && typeof found === 'object' && Object.hasOwn(found, key) ? (found as Record<PropertyKey, unknown>)[key] : undefined;
    const path = ['training', ...issue.path.map((k) => clip(String(k), 40))].join('.');
    return { path, message: `${path}: ${issue.message.replace(/^Invalid input: /, '')}, found ${excerpt(found)}` };
  });
}

/** A Seqwire project document, version 1 (see shared/graph-format.md). */
export const zGraph = z.looseObject({
  format: z.literal(GRAPH_FORMAT),
  version: z.literal(GRAPH_VERSION),
  name: z.string().optional(),
  nodes: z.array(zGraphNode),
  edges: z.array(zGraphEdge),
  training: zTraining.optional(),
  notes: z.array(zNote).optional(),
  groups: z.array(zGroup).optional(),
});
export type Graph = z.infer<typeof zGraph>;
