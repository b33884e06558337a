import { idForType, nextEdgeId, type GraphEdit } from '../graph/edits';
import type { Graph } from '../graph/schema';
import { initialParams } from '../nodes/params';
import { getNodeSpec } from '../nodes/registry';
import type { Diagnostic, FixHint } from './codes';

/** A fix the window can offer as a button: what it says, and the edit (one undo step) that makes it. */
export interface Fix {
  label: string;
  edit: GraphEdit;
}

/**
 * Turns the fix a diagnostic names into an edit on this graph, or `null`
 * when it cannot be made here (the node feeding the port has no such param,
 * the port is not wired).
 */
export function fixFor(graph: Graph, d: Pick<Diagnostic, 'nodeId' | 'port' | 'fix'>): Fix | null {
  if (!d.fix || !d.port) return null;
  const wire = graph.edges.find((e) => e.target === d.nodeId && e.targetHandle === d.port);
  const source = wire && graph.nodes.find((n) => n.id === wire.source);
  if (!wire || !source) return null;
  return resolve(graph, d.fix, wire, source);
}

function resolve(graph: Graph, fix: FixHint, wire: Graph['edges'][number], source: Graph['nodes'][number]): Fix | null {
  switch (fix.kind) {
    case 'set-upstream-param': {
      const spec = getNodeSpec(source.type);
      if (!spec || !(fix.param in spec.params)) return null;
      const label = typeof fix.value === 'boolean' ? `${fix.value ? 'Turn on' : 'Turn off'} ${fix.param} on ${source.id}` : `Set ${fix.param} to ${fix.value} on ${source.id}`;
      return { label, edit: { kind: 'set-param', nodeId: source.id, param: fix.param, value: fix.value } };
    }
    case 'insert-before': {
      const spec = getNodeSpec(fix.type);
      if (!spec) return null;
      const id = idForType(fix.type, graph);
      const params = initialParams(spec.params);
      // An Embedding sized for the ids it reads.
      const vocab = source.params?.vocabSize;
      if ('vocabSize' in spec.params && typeof vocab === 'number') params.vocabSize = vocab;
      const target = graph.nodes.find((n) => n.id === wire.target);
      const a = source.position ?? { x: 0, y: 0 };
      const b = target?.position ?? { x: a.x + 520, y: a.y };
      const position = { x: Math.round((a.x + b.x) / 2), y: Math.round((a.y + b.y) / 2) + 140 };
      const first = nextEdgeId(graph);
      const second = nextEdgeId(graph, new Set([first]));
      return {
        label: `Put ${/^[AEIOU]/.test(fix.type) ? 'an' : 'a'} ${fix.type} before ${wire.target}`,
        edit: {
          kind: 'batch',
          edits: [
            { kind: 'remove', edgeIds: [wire.id] },
            {
              kind: 'add',
              nodes: [{ id, type: fix.type, position, params }],
              edges: [
                { id: first, source: wire.source, sourceHandle: wire.sourceHandle, target: id, targetHandle: 'in' },
                { id: second, source: id, sourceHandle: 'out', target: wire.target, targetHandle: wire.targetHandle },
              ],
            },
          ],
        },
      };
    }
  }
}
