import { z } from 'zod';
import type { DatasetDoc } from '../data/catalogue';
import { zGraph } from '../graph/schema';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../validate/codes';
import { zRunSettings, zRunStatus } from '../run/layout';

/**
 * Building blocks of the request table. Paths are plain strings here; which
 * of them the host may touch is the host's decision (see electron/host/paths),
 * the contract only refuses what can never be a path.
 */

/** An absolute or project-relative path as the user's system spells it. */
export const zPath = z
  .string()
  .min(1, 'a path must not be empty')
  .max(4096, 'a path is at most 4096 characters')
  .refine((p) => !p.includes('\0'), 'a path must not contain a NUL character');

export const PROJECT_EXTENSION = '.seqwire.json';

/** The path of a project file: always ends with `.seqwire.json`. */
export const zProjectPath = zPath.refine((p) => p.toLowerCase().endsWith(PROJECT_EXTENSION), `a project file name ends with ${PROJECT_EXTENSION}`);

/** A run's folder name inside the runs folder: no separators, so it can never leave it. */
export const zRunId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'a run id is letters, digits, dot, dash and underscore, without separators');

/** A template's file name without `.seqwire.json`. */
export const zTemplateId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a template id is lower-case letters, digits and dashes');

/**
 * An unsaved document's own name for its runs: each new, template or imported
 * document gets one, so drafts never share runs; its runs move beside the
 * project when it is first saved.
 */
export const zDraftId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{7,63}$/, 'a draft id is 8 to 64 letters, digits and dashes');

/** Which document's runs: a saved project, or (project `null`) the draft of an unsaved one. */
export const zRunsOwner = z.object({ project: zProjectPath.nullable(), draft: zDraftId.optional() });
export type RunsOwner = z.infer<typeof zRunsOwner>;

/** Which run: by the document it belongs to and its id. */
export const zRunRef = zRunsOwner.extend({ runId: zRunId });
export type RunRef = z.infer<typeof zRunRef>;

/** A document that was read: where from, the graph, and what loading repaired. */
export const zOpenedGraph = z.object({ path: zPath, graph: zGraph, notes: z.array(z.string()) });
export type OpenedGraph = z.infer<typeof zOpenedGraph>;

const diagnosticCodes = Object.keys(DIAGNOSTIC_CODES) as [DiagnosticCode, ...DiagnosticCode[]];
export const zDiagnostic = z.object({
  code: z.enum(diagnosticCodes),
  nodeId: z.string(),
  port: z.string().optional(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});

export const zDim = z.number().int().min(0).nullable();
export const zTensorType = z.object({ shape: z.array(zDim), dtype: z.enum(['float32', 'int32']) });

/** The training state machine of core/train/state, as data. */
export const zTrainState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('idle') }),
  z.object({ status: z.literal('compiling') }),
  z.object({ status: z.literal('running'), epoch: z.number().int(), batch: z.number().int() }),
  z.object({ status: z.literal('paused'), epoch: z.number().int(), batch: z.number().int() }),
  z.object({ status: z.literal('stopped'), epoch: z.number().int() }),
  z.object({ status: z.literal('failed'), message: z.string() }),
  z.object({ status: z.literal('done'), epochs: z.number().int() }),
]);

/** One run folder, summarised for the runs list. */
export const zRunInfo = z.object({
  id: zRunId,
  dir: zPath,
  /** The name the user gave the run, if any. */
  name: z.string().optional(),
  startedAt: z.string().nullable(),
  status: zRunStatus,
  /** Why a run failed or diverged, and whether it kept weights. */
  message: z.string().optional(),
  /** The settings it was trained with (optimizer, learning rate, batch, epochs, seed, backend). */
  settings: zRunSettings.optional(),
  /** Where an imported run came from. */
  source: z.string().optional(),
  epochs: z.number().int().min(0),
  loss: z.number().nullable(),
  valLoss: z.number().nullable(),
  backend: z.string().nullable(),
  /** True when the run folder holds model files that generate/predict/export can use. */
  hasModel: z.boolean(),
});
export type RunInfo = z.infer<typeof zRunInfo>;

/** One line of a run's `metrics.jsonl`. */
export const zMetricsLine = z.looseObject({
  epoch: z.number().int(),
  loss: z.number().nullable(),
  valLoss: z.number().nullable(),
  metrics: z.record(z.string(), z.unknown()).optional(),
});
export type MetricsLine = z.infer<typeof zMetricsLine>;

const zOptionDoc = z.object({
  name: z.string(),
  kind: z.enum(['int', 'float', 'bool', 'string', 'strings', 'choice']),
  help: z.string(),
  default: z.unknown().optional(),
  choices: z.array(z.string()).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
const zFieldDoc = z.object({
  name: z.string(),
  shape: z.string(),
  /** The shape as data: `null` where an option decides the size. */
  dims: z.array(z.number().int().nonnegative().nullable()),
  dtype: z.enum(['float32', 'int32']),
  description: z.string(),
});

/** A built-in dataset or a file format, as the catalogue documents it (`DatasetDoc` of core/data/catalogue.ts). */
export const zDatasetDoc: z.ZodType<DatasetDoc> = z.object({
  /** The builtin's name, or the file format's name. */
  name: z.string(),
  kind: z.enum(['builtin', 'format']),
  description: z.string(),
  options: z.array(zOptionDoc),
  fields: z.array(zFieldDoc),
  ids: z.string().optional(),
});

/** One entry of the in-app file chooser (browser mode). */
export const zFolderEntry = z.object({ name: z.string(), path: zPath, kind: z.enum(['dir', 'file']) });

/** What the in-app chooser may show: projects, dataset files, or model.json files to import. */
export const zBrowseKind = z.enum(['project', 'dataset', 'model']);

/** Nested arrays of numbers: a tensor as JSON (inputs of predict, outputs of predict). */
export type NestedNumbers = number | NestedNumbers[];
export const zNestedNumbers: z.ZodType<NestedNumbers> = z.lazy(() => z.union([z.number(), z.array(zNestedNumbers)]));

export const zStroke5 = z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]);
export const zPolyline = z.array(z.tuple([z.number(), z.number()]));
