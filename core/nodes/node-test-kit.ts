import * as tf from '@tensorflow/tfjs';
import { type Graph } from '../graph/schema';
import { parseGraphText, saveGraph } from '../graph/load';
import { compileGraph } from '../compile/compile';
import type { CompiledModel } from '../compile/types';
import { analyzeGraph, type GraphAnalysis } from '../validate/analyze';
import { resolveParams } from './params';
import type { AnyNodeSpec, InferResult, PortTypes } from './spec';

/**
 * What every node type's tests do (shared/style.md, Tests): infer with
 * resolved params, compile a graph and compare tfjs's parameter count with
 * ours, and round-trip a graph through its file text.
 */

/** Runs a spec's shape rule with `raw` params resolved as the validator would. */
export function inferNode(spec: AnyNodeSpec, raw: Record<string, unknown>, inputs: PortTypes, usedOutputs: string[] = []): InferResult {
  const { values, issues } = resolveParams(spec.params, raw);
  if (issues.length) throw new Error(`test params are invalid: ${issues.map((i) => i.message).join('; ')}`);
  return spec.infer({ params: values, inputs, usedOutputs: new Set(usedOutputs) });
}

/** The issue codes and ports of a failed inference, or `[]` when it passed. */
export function issuesOf(result: InferResult): { code: string; port?: string; message: string }[] {
  return result.ok ? [] : result.issues;
}

export interface CompiledCheck {
  compiled: CompiledModel;
  analysis: GraphAnalysis;
  /** tfjs's own count of the model's weights. */
  tfjsParams: number;
  /** Ours, summed over the nodes by their Keras formulas. */
  ourParams: number;
}

/** Analyzes and compiles; throws (a failed test) on any diagnostic error. */
export function compileChecked(graph: Graph): CompiledCheck {
  const analysis = analyzeGraph(graph);
  const compiled = compileGraph(graph, analysis);
  return { compiled, analysis, tfjsParams: compiled.model.countParams(), ourParams: analysis.totalParams };
}

/** The graph after save and load: what a user gets back from the file. */
export function roundTrip(graph: Graph): Graph {
  const loaded = parseGraphText(saveGraph(graph));
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.graph;
}

/** The largest difference between two models' outputs on the same inputs (0 when they compute the same). */
export async function largestDifference(a: tf.LayersModel, b: tf.LayersModel, xs: tf.Tensor[]): Promise<number> {
  const pa = a.predict(xs);
  const pb = b.predict(xs);
  const la = Array.isArray(pa) ? pa : [pa];
  const lb = Array.isArray(pb) ? pb : [pb];
  let worst = 0;
  for (let i = 0; i < la.length; i++) worst = Math.max(worst, (await tf.max(tf.abs(tf.sub(la[i], lb[i]))).data())[0]);
  tf.dispose([...la, ...lb]);
  return worst;
}
