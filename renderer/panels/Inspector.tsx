import type { ParamDefs } from '../../core/nodes/params';
import { hasRole } from '../../core/nodes/registry';
import type { PortDef } from '../../core/nodes/spec';
import type { NodeAnalysis } from '../../core/validate/analyze';
import { formatShape } from '../../core/shapes/tensor-type';
import { formatCount } from '../canvas/SpecNode';
import { useEditor } from '../state/store';
import { applyFix, fixLabels } from './Problems';
import { NodeNames } from './NodeNames';
import { ParamField } from './ParamField';
import { PortWires } from './PortWires';

/** The form of the selected node, generated from its spec's params; or the graph's totals when nothing is selected. */
export function Inspector() {
  const selected = useEditor((s) => s.selected);
  const analysis = useEditor((s) => s.analysis);
  const edit = useEditor((s) => s.edit);
  const id = selected.size === 1 ? [...selected][0] : null;
  // Only what the form shows: a drag changes the node's position every frame, and the form must not redraw for it.
  const params = useEditor((s) => (id ? s.graph.nodes.find((n) => n.id === id)?.params : undefined));
  const type = useEditor((s) => (id ? s.graph.nodes.find((n) => n.id === id)?.type : undefined));
  const outputList = useEditor((s) => s.graph.nodes.filter((n) => hasRole(n.type, 'head')).map((n) => n.id).join('\u0000'));
  const name = useEditor((s) => s.graph.name ?? '');
  const nodeCount = useEditor((s) => s.graph.nodes.length);
  const edgeCount = useEditor((s) => s.graph.edges.length);
  const fixes = useEditor(fixLabels).split('\u0000');
  const entry = id ? analysis.nodes.get(id) : undefined;
  const node = id && type ? { id, type, params } : undefined;

  if (!node || !entry) {
    return (
      <aside className="sw-inspector" aria-label="inspector">
        <div className="sw-panel-title">Graph</div>
        <div className="sw-field">
          <label htmlFor="graph-name">Name</label>
          <input id="graph-name" value={name} onChange={(e) => edit({ kind: 'rename', name: e.target.value }, 'graph.name')} />
        </div>
        <dl className="sw-facts">
          <dt>Nodes</dt><dd>{nodeCount}</dd>
          <dt>Wires</dt><dd>{edgeCount}</dd>
          <dt>Parameters</dt><dd>{analysis.totalParams.toLocaleString('en-US')}</dd>
          <dt>Status</dt>{nodeCount === 0 ? <dd className="muted">empty</dd> : <dd className={analysis.valid ? 'ok' : 'bad'}>{analysis.valid ? 'valid' : 'has errors'}</dd>}
        </dl>
        <p className="muted sw-hint">{selected.size > 1 ? `${selected.size} nodes selected.` : 'Select a node to edit its params.'}</p>
      </aside>
    );
  }

  const spec = entry.spec;
  const outputs = outputList ? outputList.split('\u0000') : [];
  const diagnostics = analysis.diagnostics.map((d, i) => ({ d, i, fix: fixes[i] })).filter(({ d }) => d.nodeId === node.id);
  return (
    <aside className="sw-inspector" aria-label="inspector">
      <div className="sw-panel-title">
        <span className={`sw-dot cat-${(spec?.category ?? 'unknown').toLowerCase()}`} />
        {node.type} <span className="sw-inspector-id">{node.id}</span>
      </div>
      {spec ? <p className="sw-description">{spec.description}</p> : <p className="sw-field-problem">Unknown node type “{node.type}”.</p>}
      <NodeNames id={node.id} />
      <dl className="sw-facts">
        <dt>Parameters</dt><dd>{formatCount(entry.paramCount)}</dd>
        {Object.entries(entry.outputs).map(([port, t]) => (
          <div key={port} className="sw-fact-pair"><dt>{port}</dt><dd><code>{formatShape(t.shape)}{t.dtype === 'int32' ? ' int' : ''}</code></dd></div>
        ))}
      </dl>
      {diagnostics.map(({ d, i, fix }) => (
        <div key={i} className={`sw-inspector-diag is-${d.severity}`} role={d.severity === 'error' ? 'alert' : undefined}>
          {d.port && !d.message.includes(`"${d.port}"`) ? `${d.port}: ` : ''}{d.message}
          {fix ? <div><button type="button" className="sw-button is-primary sw-fix-button" onClick={() => applyFix(i)}>{fix}</button></div> : null}
        </div>
      ))}
      {spec ? <PortWires nodeId={node.id} ports={entry.spec ? inputPorts(entry) : []} /> : null}
      {spec ? (
        <form className="sw-form" aria-label={`params of ${node.id}`} onSubmit={(e) => e.preventDefault()}>
          {Object.entries(spec.params as ParamDefs).map(([name, def]) => (
            <ParamField key={`${node.id}.${name}`} nodeId={node.id} name={name} def={def} raw={node.params?.[name]} outputs={outputs}
              onChange={(value) => edit({ kind: 'set-param', nodeId: node.id, param: name, value }, `${node.id}.${name}`)} />
          ))}
          {Object.keys(spec.params).length === 0 ? <p className="muted">This node has no params.</p> : null}
        </form>
      ) : null}
    </aside>
  );
}

/** The input ports of a node, the same array while its analysis entry is the same (so PortWires can memoise). */
const portCache = new WeakMap<object, PortDef[]>();
function inputPorts(entry: NodeAnalysis): PortDef[] {
  let ports = portCache.get(entry);
  if (!ports) portCache.set(entry, (ports = entry.spec!.inputs(entry.params)));
  return ports;
}
