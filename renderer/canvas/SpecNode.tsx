import { hasRole } from '../../core/nodes/registry';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useEditor } from '../state/store';
import type { NodeView, PortView, SpecFlowNode } from './flow-model';
import { UnrolledOnCanvas } from '../inside/UnrolledOnCanvas';
import { toggleUnrolled, useShownProbe } from '../inside/shown-probe';

/**
 * The one component that draws every node type, from its spec: title, a line
 * of key params, named ports (states marked), the output shape and the error.
 * React Flow hands a node new props on every step of its drag (its position);
 * the body is memoised on what it shows, so a dragged node does not redraw.
 */
export const SpecNode = memo(function SpecNode({ id, data, selected }: NodeProps<SpecFlowNode>) {
  return <NodeBody id={id} view={data.view} selected={!!selected} />;
});

const NodeBody = memo(function NodeBody({ id, view: v, selected }: { id: string; view: NodeView; selected: boolean }) {
  // A comma-joined string compares by value, so only nodes whose lit ports change re-render during a drag.
  const lit = useEditor((s) => s.wireTargets?.get(id) ?? null);
  const wiring = useEditor((s) => s.wireTargets !== null);
  const litPorts = lit ? new Set(lit.split(',')) : null;
  const category = (v.category ?? 'unknown').toLowerCase();
  // Recurrent nodes and stacks can be drawn through time in place (renderer/inside).
  const unrollable = v.category === 'Recurrent' || v.category === 'Stacking';
  const unrolled = useShownProbe((s) => unrollable && s.unrolled.has(id));
  const shape = v.outputs.find((p) => p.name === 'out')?.type ?? v.outputs[0]?.type ?? null;
  const classes = ['sw-node', `cat-${category}`, selected ? 'is-selected' : '', v.errors.length ? 'has-error' : '', v.waiting ? 'is-waiting' : ''];
  // Text sits in its own elements inside boxes of fixed height: zoomed out, the canvas hides the text and nothing moves (see styles.css, "far").
  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`}>
      <header className="sw-node-head">
        <span className="sw-node-type" title={v.label ? `${v.label} (${v.type})` : v.type}>{v.label ?? v.type}</span>
        <span className="sw-node-id" title="node id">{v.label ? `${v.type} · ${v.id}` : v.id}</span>
        {unrollable ? (
          <button type="button" className="sw-node-unroll nodrag" aria-pressed={unrolled} aria-label={`unroll ${id} through time`} title="Draw this node through time (a view, not an edit)" onClick={() => toggleUnrolled(id)}>⟳</button>
        ) : null}
      </header>
      {unrolled ? <UnrolledOnCanvas nodeId={id} /> : null}
      {v.summary ? <div className="sw-node-summary"><span>{v.summary}</span></div> : null}
      <div className="sw-node-ports">
        <div className="sw-ports-in">
          {v.inputs.map((p) => (
            <PortRow key={p.name} port={p} side="in" lit={litPorts?.has(p.name) ?? false} dim={wiring && !(litPorts?.has(p.name) ?? false)} nodeId={id} />
          ))}
        </div>
        <div className="sw-ports-out">
          {v.outputs.map((p) => (
            <PortRow key={p.name} port={p} side="out" lit={litPorts?.has(p.name) ?? false} dim={wiring && !(litPorts?.has(p.name) ?? false)} nodeId={id} />
          ))}
        </div>
      </div>
      <footer className="sw-node-foot">
        {shape ? <span className="sw-node-shape" aria-label={`output shape ${shape}`}>{shape}</span> : <span className="sw-node-shape muted">{v.outputs.length ? '—' : hasRole(v.type, 'marker') ? 'model output' : 'head'}</span>}
        {v.paramCount > 0 ? <span className="sw-node-params">{formatCount(v.paramCount)} params</span> : null}
      </footer>
      {v.feedback ? (
        // The loop's end: under the node, never connectable by hand (the loop is the `feedback` param).
        <Handle type={v.feedback === 'out' ? 'source' : 'target'} position={Position.Bottom} id="feedback" className="sw-feedback-handle" isConnectable={false} />
      ) : null}
      {v.errors.length ? (
        <div className="sw-node-error" role="alert" title={v.errors.join('\n')}>
          {v.errors[0]}
          {v.errors.length > 1 ? ` (+${v.errors.length - 1} more)` : ''}
        </div>
      ) : v.warnings.length ? (
        <div className="sw-node-warning" title={v.warnings.join('\n')}>{v.warnings[0]}</div>
      ) : null}
    </div>
  );
});

function PortRow({ port, side, lit, dim, nodeId }: { port: PortView; side: 'in' | 'out'; lit: boolean; dim: boolean; nodeId: string }) {
  const classes = ['sw-port', `sw-port-${side}`, port.state ? 'is-state' : '', port.optional ? 'is-optional' : '', lit ? 'is-lit' : '', dim ? 'is-dim' : ''];
  const what = `${side === 'in' ? 'input' : 'output'} ${port.name} of ${nodeId}${port.state ? ' (state)' : ''}${port.type ? `, ${port.type}` : ''}`;
  // The handle sits in the row's flow at the node's edge (inputs first, outputs last), not positioned or transformed:
  // hundreds of positioned, transformed handles made Chromium's layering the costliest part of a frame.
  const handle = (
    <Handle
      type={side === 'in' ? 'target' : 'source'}
      position={side === 'in' ? Position.Left : Position.Right}
      id={port.name}
      className={`sw-handle ${port.state ? 'is-state' : ''}`}
      aria-label={what}
    />
  );
  return (
    <div className={classes.join(' ')} title={what}>
      {side === 'in' ? handle : null}
      <span className="sw-port-name">{port.name}</span>
      {port.multiple ? <span className="sw-port-many" title="takes two or more wires">×n</span> : null}
      {side === 'out' ? handle : null}
    </div>
  );
}

// toLocaleString builds a formatter on every call; a node redraws often enough for that to show in a profile.
const counts = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(n >= 1e5 ? 0 : 1)}k`;
  return counts.format(n);
}
