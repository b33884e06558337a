import { useEffect, useMemo, useState } from 'react';
import './inside.css';
import type { ProbeRunResult } from '../../core/api/probe';
import type { Graph } from '../../core/graph/schema';
import { host } from '../host/host';
import { useEditor } from '../state/store';
import { isActive } from '../../core/train/state';
import { runRef, useRun } from '../training/run-store';
import { listenToProbes, setSlowMotion, stepRun, useLiveProbe, watchSample } from './live';
import { useShownProbe } from './shown-probe';
import { GateStrips, NeuronHunt, StateMaps, Unrolled } from './CellViews';
import { AttentionMap, WireViewer } from './WireViewer';
import { GlimpseView } from './GlimpseView';

/** Seqwire's services, through the window's one host object; `null` in a plain browser. */
const api = host.services;

/**
 * Look inside: for one sample of the chosen run's validation split, every
 * recurrent node's states and gates through time, the node unrolled as the
 * lecture draws it, a unit's activation over the sample, attention maps, and
 * viewers pinned on any wire. It probes again after every epoch of a live run.
 */
export function InsideView() {
  const runId = useRun((s) => s.chosenRun);
  const run = useRun((s) => s.runs.find((r) => r.id === s.chosenRun));
  const epochsDone = useRun((s) => s.view.epochs.length);
  const liveId = useRun((s) => (isActive(s.view.state) ? s.view.runId : null));
  const state = useRun((s) => s.view.state);
  const live = useLiveProbe((s) => (liveId && s.runId === liveId ? s.probe : null));
  const liveError = useLiveProbe((s) => (liveId && s.runId === liveId ? s.error : null));
  const slowMs = useLiveProbe((s) => s.slowMs);
  const graph = useEditor((s) => s.graph);
  const [sample, setSample] = useState(0);
  const [probe, setProbe] = useState<ProbeRunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [node, setNode] = useState<string | null>(null);
  const [pinned, setPinned] = useState<string[]>([]);

  const load = async (which: number) => {
    if (!api || !runId) return;
    setBusy(true);
    setError(null);
    try {
      setProbe(await api.probeRun({ run: runRef(runId), sample: which }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  // A new epoch of the live run (its model was saved again) or another run: look again.
  useEffect(() => {
    if (run?.hasModel && !liveId) void load(sample);
  }, [runId, run?.hasModel, epochsDone, liveId]);
  // While a run trains, its worker probes this sample every few batches and at every pause.
  useEffect(() => listenToProbes(), []);
  useEffect(() => {
    if (!liveId) return;
    void watchSample(sample);
    return () => void watchSample(null);
  }, [liveId, sample]);
  // Stepping through samples: a live run watches the new one (the effect above), a finished one is probed at once.
  const goTo = (which: number) => {
    setSample(which);
    if (!liveId) void load(which);
  };
  const shownProbe = live ?? probe;
  // The canvas draws unrolled nodes from what is shown here.
  useEffect(() => useShownProbe.setState({ probe: shownProbe }), [shownProbe]);

  // The canvas leads: a wire clicked there is pinned here, a node selected there is the one looked inside.
  const selectedWire = useEditor((s) => {
    if (s.selectedEdges.size !== 1) return null;
    const edge = s.graph.edges.find((e) => s.selectedEdges.has(e.id));
    return edge ? `${edge.source}.${edge.sourceHandle}` : null;
  });
  const selectedNode = useEditor((s) => (s.selected.size === 1 ? [...s.selected][0] : null));
  useEffect(() => {
    if (selectedWire && !pinned.includes(selectedWire) && shownProbe?.wires.some((w) => w.wire === selectedWire)) setPinned([...pinned, selectedWire]);
  }, [selectedWire, shownProbe]);
  useEffect(() => {
    if (selectedNode) setNode(selectedNode);
  }, [selectedNode]);
  const nodes = useMemo(() => [...new Set([...(shownProbe?.glimpses ?? []), ...(shownProbe?.cells ?? []), ...(shownProbe?.attention ?? [])].map((x) => x.nodeId))], [shownProbe]);
  const shown = node && nodes.includes(node) ? node : nodes[0] ?? null;
  const tokensOf = (nodeId: string, port = 'in') => {
    const input = upstreamInput(graph, nodeId, port);
    return shownProbe?.inputs.find((i) => i.nodeId === input)?.tokens ?? null;
  };

  return (
    <section className="sw-inside" aria-label="inside the network">
      <div className="sw-run-controls" role="group" aria-label="step-by-step training">
        <button type="button" className="sw-button" disabled={state.status === 'running' || state.status === 'compiling'} onClick={() => void stepRun('batch', sample)}>Step 1 batch</button>
        <button type="button" className="sw-button" disabled={state.status === 'running' || state.status === 'compiling'} onClick={() => void stepRun('epoch', sample)}>Step 1 epoch</button>
        <label className="sw-field-inline">
          Speed{' '}
          <select aria-label="training speed" value={slowMs} onChange={(e) => void setSlowMotion(Number(e.target.value))}>
            <option value={0}>full</option>
            <option value={100}>slow (0.1 s a batch)</option>
            <option value={500}>slower (0.5 s a batch)</option>
            <option value={2000}>slowest (2 s a batch)</option>
          </select>
        </label>
        {liveId ? <span className="muted" role="status" aria-label="live probe">{state.status === 'paused' ? 'paused' : 'training'} at epoch {'epoch' in state ? state.epoch : '?'}, batch {'batch' in state ? state.batch : '?'}{live ? '' : ' (probing…)'}</span> : null}
      </div>
      {liveError ? <p className="bad" role="alert">{liveError}</p> : null}
      {!run?.hasModel && !live ? <p className="muted">Train the model (or step one batch) to look inside it.</p> : null}
      <div className="sw-run-controls">
        <label className="sw-field-inline">
          Sample <input type="number" min={0} max={Math.max(0, (probe?.splitSize ?? 1) - 1)} value={sample} aria-label="sample" onChange={(e) => setSample(Math.max(0, Math.round(Number(e.target.value)) || 0))} />
        </label>
        <button type="button" className="sw-button is-primary" disabled={busy || (!run?.hasModel && !liveId)} onClick={() => void (liveId ? watchSample(sample) : load(sample))}>{busy ? 'Probing…' : 'Probe'}</button>
        <button type="button" className="sw-button" aria-label="previous sample" disabled={busy || sample === 0 || (!run?.hasModel && !liveId)} onClick={() => goTo(sample - 1)}>◀</button>
        <button type="button" className="sw-button" aria-label="next sample" disabled={busy || (probe !== null && sample >= probe.splitSize - 1) || (!run?.hasModel && !liveId)} onClick={() => goTo(sample + 1)}>▶</button>
        {shownProbe ? <span className="muted">sample {shownProbe.sample + 1} of {shownProbe.splitSize} ({shownProbe.split})</span> : null}
      </div>
      {error ? <p className="bad" role="alert">{error}</p> : null}
      {shownProbe?.notes.map((n) => <p key={n} className="muted sw-note">{n}</p>)}
      {shownProbe ? (
        <>
          <div className="sw-tabs sw-inside-nodes" role="tablist" aria-label="nodes to look inside">
            {nodes.map((id) => <button key={id} type="button" role="tab" aria-selected={id === shown} onClick={() => setNode(id)}>{id}</button>)}
          </div>
          {shown ? <NodeInside probe={shownProbe} nodeId={shown} tokensOf={tokensOf} /> : <p className="muted">This graph has no recurrent, attention or glimpse node.</p>}
          <WirePins probe={shownProbe} pinned={pinned} setPinned={setPinned} tokensOf={tokensOf} />
        </>
      ) : null}
    </section>
  );
}

function NodeInside({ probe, nodeId, tokensOf }: { probe: ProbeRunResult; nodeId: string; tokensOf: (id: string, port?: string) => string[] | null }) {
  const cells = probe.cells.filter((c) => c.nodeId === nodeId);
  const attention = probe.attention.find((a) => a.nodeId === nodeId);
  const glimpse = probe.glimpses.find((g) => g.nodeId === nodeId);
  const tokens = tokensOf(nodeId);
  return (
    <div className="sw-inside-node">
      {glimpse ? <GlimpseView probe={probe} glimpse={glimpse} /> : null}
      {attention ? <AttentionMap nodeId={nodeId} weights={attention.weights} queryTokens={tokensOf(nodeId, 'query')} valueTokens={tokensOf(nodeId, 'values')} /> : null}
      {cells.map((cell) => (
        <div key={`${cell.layer}-${cell.direction}`} className="sw-inside-cell">
          <h4>{cell.layer}{cell.direction === 'backward' ? ' (backward)' : ''} <span className="muted">{cell.cell}, {cell.units} units, {cell.steps} steps</span></h4>
          <Unrolled cell={cell} tokens={tokens} />
          <StateMaps cell={cell} tokens={tokens} />
          <GateStrips cell={cell} tokens={tokens} />
          <NeuronHunt cell={cell} tokens={tokens} />
        </div>
      ))}
    </div>
  );
}

function WirePins({ probe, pinned, setPinned, tokensOf }: { probe: ProbeRunResult; pinned: string[]; setPinned(p: string[]): void; tokensOf: (id: string) => string[] | null }) {
  const free = probe.wires.filter((w) => !pinned.includes(w.wire));
  return (
    <section className="sw-wire-pins" aria-label="wire viewers">
      <h4>Wires</h4>
      <select aria-label="pin a viewer on a wire" value="" onChange={(e) => e.target.value && setPinned([...pinned, e.target.value])}>
        <option value="">Pin a viewer on a wire…</option>
        {free.map((w) => <option key={w.wire} value={w.wire}>{w.wire} [{w.shape.join(', ')}]</option>)}
      </select>
      {pinned.map((name) => {
        const wire = probe.wires.find((w) => w.wire === name);
        return wire ? <WireViewer key={name} wire={wire} tokens={tokensOf(wire.nodeId)} onUnpin={() => setPinned(pinned.filter((p) => p !== name))} /> : null;
      })}
    </section>
  );
}

/** The input node that feeds a node's port, following first wires upstream (for token labels on the steps). */
export function upstreamInput(graph: Graph, nodeId: string, port = 'in'): string | null {
  let id: string | undefined = nodeId;
  let via = port;
  for (let hops = 0; id && hops < graph.nodes.length; hops++) {
    const edge = graph.edges.find((e) => e.target === id && e.targetHandle === via) ?? graph.edges.find((e) => e.target === id);
    if (!edge) return id === nodeId ? null : id;
    id = edge.source;
    via = 'in';
  }
  return null;
}
