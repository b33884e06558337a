import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../compile/compile';
import { exportKeras } from '../export/keras/export-keras';
import { importModel } from '../export/import-graph';
import { modelFromFiles, modelToFiles } from '../export/tfjs-files';
import { nodeIdOfLayer } from '../train/gradient-flow';
import { analyzeGraph } from '../validate/analyze';
import { CASES, sampleData } from './conformance-cases';
import { largestDifference } from './node-test-kit';
import { NODE_SPECS } from './registry';

/**
 * What every node type must do, checked over every registry entry through
 * the cases (core/nodes/conformance-cases.ts): its tensors have the shapes
 * its rule inferred (compile asserts it for every port), its parameter count
 * is tfjs's, its model saves and reloads to the same outputs, and its Keras
 * script and import give back a model with the same parameters and outputs.
 * The wasm-against-cpu forward and gradient run over the same cases in
 * electron/backend/conformance.test.ts.
 */

describe('every node type conforms', () => {
  it('appears in a conformance case', () => {
    const used = new Set(CASES.flatMap(([, graph]) => graph.nodes.map((n) => n.type)));
    expect(NODE_SPECS.map((s) => s.type).filter((t) => !used.has(t))).toEqual([]);
  });

  it.each(CASES)('%s: built shapes, parameter counts per node, save and reload, Keras script, import round trip', async (_name, graph) => {
    const analysis = analyzeGraph(graph);
    const compiled = compileGraph(graph, analysis);
    const { model } = compiled;
    const ids = graph.nodes.map((n) => n.id);
    // Each node's Keras formula against tfjs's count of the layers it built.
    const counted = new Map<string, number>();
    for (const layer of model.layers) counted.set(nodeIdOfLayer(layer.name, ids), (counted.get(nodeIdOfLayer(layer.name, ids)) ?? 0) + layer.countParams());
    for (const id of ids) expect({ id, params: analysis.nodes.get(id)!.paramCount }).toEqual({ id, params: counted.get(id) ?? 0 });

    const { xs, ys } = sampleData(graph, compiled);
    const files = await modelToFiles(model);
    const reloaded = await modelFromFiles(files);
    expect(await largestDifference(model, reloaded, xs)).toBeLessThan(1e-5);

    // Every layer class is written for Keras by the node type that builds it.
    const keras = await exportKeras(compiled, 'm', graph.training);
    for (const layer of model.layers) expect(keras.script).toContain(`name="${layer.name}"`);

    const imported = await importModel(files.modelJson, files.weightData);
    const again = compileGraph(imported.graph);
    expect(again.model.countParams()).toBe(model.countParams());
    const importedModel = await modelFromFiles(imported.weights!);
    expect(await largestDifference(model, importedModel, xs)).toBeLessThan(1e-5);
    tf.dispose([...xs, ...ys]);
    for (const m of [model, reloaded, again.model, importedModel]) m.dispose();
  });
});
