import type { Graph, GraphNode } from '../core/graph/schema';
import { analyzeGraph } from '../core/validate/analyze';
import { medianMs, type BenchModule } from './measure';

/** A 500-node graph of the kind a big canvas holds: 100 chains of input → LSTM → Dense → Dense → Output. */
export function bigGraph(nodeCount = 500): Graph {
  const nodes: GraphNode[] = [];
  const edges: Graph['edges'] = [];
  const chains = Math.floor(nodeCount / 5);
  for (let c = 0; c < chains; c++) {
    const ids = ['in', 'rnn', 'd1', 'd2', 'out'].map((k) => `${k}${c}`);
    nodes.push(
      { id: ids[0], type: 'SequenceInput', position: { x: 0, y: c * 120 }, params: { timesteps: null, features: 8 } },
      { id: ids[1], type: 'LSTM', position: { x: 240, y: c * 120 }, params: { units: 64, returnSequences: true } },
      { id: ids[2], type: 'Dense', position: { x: 480, y: c * 120 }, params: { units: 32, activation: 'relu' } },
      { id: ids[3], type: 'Dense', position: { x: 720, y: c * 120 }, params: { units: 4 } },
      { id: ids[4], type: 'Output', position: { x: 960, y: c * 120 }, params: { head: 'softmax', units: 4 } },
    );
    for (let i = 0; i < 4; i++) edges.push({ id: `e${c}_${i}`, source: ids[i], sourceHandle: 'out', target: ids[i + 1], targetHandle: 'in' });
  }
  return { format: 'seqwire.graph', version: 1, name: 'bench', nodes, edges };
}

export const validateBench: BenchModule = {
  name: 'validation',
  async run() {
    const graph = bigGraph(500);
    const analysis = analyzeGraph(graph);
    const ms = await medianMs(() => analyzeGraph(graph), 50, 10);
    return [{
      name: 'validate500Ms', value: ms, unit: 'ms', target: '< 20', pass: ms < 20,
      note: `validation + shapes of ${graph.nodes.length} nodes, ${graph.edges.length} edges (${analysis.valid ? 'valid' : 'INVALID: ' + analysis.diagnostics[0]?.message}), median of 50`,
    }];
  },
};
