import { useReactFlow } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { api, host } from '../host/host';
import { exportLatest, importModel } from '../training/GeneratePanel';
import { flowModel } from '../canvas/Canvas';
import { autoLayout, copyToClipboard, deleteSelection, pasteFromClipboard, selectAll } from '../state/commands';
import { newProject, openProject, openRecent, saveProject } from '../state/files';
import { isDirty, redoable, undoable, useEditor } from '../state/store';
import { Icon } from './icons';

const mod = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+';

function Tool({ label, keys, onClick, disabled, children }: { label: string; keys?: string; onClick(): void; disabled?: boolean; children: React.ReactNode }) {
  return (
    <button type="button" className="sw-tool" onClick={onClick} disabled={disabled} aria-label={label} title={keys ? `${label} (${keys})` : label}>
      {children}
    </button>
  );
}

/** The title bar and the commands, each also on a shortcut (see useShortcuts). */
export function Toolbar({ onTemplates, onTraining, trainingOpen }: { onTemplates(): void; onTraining(): void; trainingOpen: boolean }) {
  const name = useEditor((s) => s.graph.name || 'Untitled');
  const dirty = useEditor(isDirty);
  const canUndo = useEditor(undoable);
  const canRedo = useEditor(redoable);
  const hasSelection = useEditor((s) => s.selected.size > 0 || s.selectedEdges.size > 0);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  const flow = useReactFlow();
  const [recent, setRecent] = useState<{ key: string; name: string }[]>([]);
  const [recentOpen, setRecentOpen] = useState(false);
  const [modelOpen, setModelOpen] = useState(false);
  useEffect(() => { document.title = `${dirty ? '● ' : ''}${name} — Seqwire`; }, [name, dirty]);

  return (
    <header className="sw-toolbar" role="toolbar" aria-label="commands">
      <div className="sw-brand" aria-hidden><span className="sw-logo">◆</span> Seqwire</div>
      <div className="sw-doc-name" aria-label="document">
        <span>{name}</span>
        {dirty ? <span className="sw-unsaved" role="status" aria-label="unsaved changes" title="unsaved changes">●</span> : null}
      </div>
      <div className="sw-tool-group" aria-label="file">
        <Tool label="New" keys={`${mod}N`} onClick={newProject}>New</Tool>
        <Tool label="Open" keys={`${mod}O`} onClick={() => void openProject()}>Open</Tool>
        <div className="sw-menu">
          <Tool label="Open Recent" onClick={() => { void host.recent().then(setRecent); setRecentOpen((o) => !o); }}>Recent ▾</Tool>
          {recentOpen ? (
            <ul className="sw-menu-list" role="menu" aria-label="recent projects" onMouseLeave={() => setRecentOpen(false)}>
              {recent.length === 0 ? <li className="muted" role="none">No recent projects</li> : null}
              {recent.map((r) => (
                <li key={r.key} role="none"><button type="button" role="menuitem" onClick={() => { setRecentOpen(false); void openRecent(r.key); }}>{r.name}</button></li>
              ))}
            </ul>
          ) : null}
        </div>
        <Tool label="Save" keys={`${mod}S`} onClick={() => void saveProject()}>Save</Tool>
        <Tool label="Save As" keys={`${mod}Shift+S`} onClick={() => void saveProject(true)}>Save As</Tool>
        <Tool label="Templates" onClick={onTemplates}>Templates</Tool>
        {api ? (
          <div className="sw-menu">
            <Tool label="Model files" onClick={() => setModelOpen((o) => !o)}>Model ▾</Tool>
            {modelOpen ? (
              <ul className="sw-menu-list" role="menu" aria-label="model files" onMouseLeave={() => setModelOpen(false)}>
                <li role="none"><button type="button" role="menuitem" onClick={() => { setModelOpen(false); void exportLatest('tfjs'); }}>Export TensorFlow.js files</button></li>
                <li role="none"><button type="button" role="menuitem" onClick={() => { setModelOpen(false); void exportLatest('keras'); }}>Export Keras Python</button></li>
                <li role="none"><button type="button" role="menuitem" onClick={() => { setModelOpen(false); void importModel(); }}>Import a model…</button></li>
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="sw-tool-group" aria-label="edit">
        <Tool label="Undo" keys={`${mod}Z`} onClick={undo} disabled={!canUndo}><Icon name="undo" /></Tool>
        <Tool label="Redo" keys={`${mod}Shift+Z`} onClick={redo} disabled={!canRedo}><Icon name="redo" /></Tool>
        <Tool label="Cut" keys={`${mod}X`} onClick={() => void copyToClipboard(true)} disabled={!hasSelection}><Icon name="cut" /></Tool>
        <Tool label="Copy" keys={`${mod}C`} onClick={() => void copyToClipboard()} disabled={!hasSelection}><Icon name="copy" /></Tool>
        <Tool label="Paste" keys={`${mod}V`} onClick={() => void pasteFromClipboard()}><Icon name="paste" /></Tool>
        <Tool label="Delete" keys="Delete" onClick={deleteSelection} disabled={!hasSelection}><Icon name="trash" /></Tool>
        <Tool label="Select all" keys={`${mod}A`} onClick={selectAll}><Icon name="selectAll" /></Tool>
      </div>
      <div className="sw-tool-group" aria-label="view">
        <Tool label="Zoom to fit" keys="F" onClick={() => void flow.fitView({ padding: 0.2, duration: 250 })}><Icon name="fit" /> Fit</Tool>
        <Tool label="Auto-layout" keys="L" onClick={() => void autoLayout(flowModel.measured).then(() => flow.fitView({ padding: 0.2, duration: 250 }))}><Icon name="layout" /> Layout</Tool>
      </div>
      <div className="sw-spacer" />
      <button type="button" className={`sw-tool sw-train-toggle ${trainingOpen ? 'is-on' : ''}`} onClick={onTraining} aria-pressed={trainingOpen} aria-label="Training panel">
        <Icon name="play" size={13} /> Train
      </button>
    </header>
  );
}
