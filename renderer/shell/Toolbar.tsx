import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { host } from '../host/host';
import { exportLatest, importModel } from '../training/GeneratePanel';
import { useCanvasShared } from '../canvas/canvas-context';
import { fitSoon, fitView } from '../canvas/viewport';
import { centreOfView, placeNew } from '../canvas/place-new';
import { addGroup, addNote, autoLayout, copyToClipboard, deleteSelection, pasteFromClipboard, selectAll } from '../state/commands';
import { newProject, openProject, openRecent, saveProject } from '../state/files';
import { isDirty, redoable, undoable, useEditor } from '../state/store';
import { Icon } from './icons';
import { MenuButton, type MenuItem } from './Menu';
import { useMedia } from './use-media';

/** Seqwire's services, through the window's one host object; `null` in a plain browser. */
const api = host.services;

const mod = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+';
/** Below this width the file commands fold into one menu and the view commands lose their words, so the toolbar fits a 1024 px window. */
export const COMPACT_TOOLBAR = '(max-width: 1199px)';

function Tool({ label, keys, onClick, disabled, children }: { label: string; keys?: string; onClick(): void; disabled?: boolean; children: React.ReactNode }) {
  return (
    <button type="button" className="sw-tool" onClick={onClick} disabled={disabled} aria-label={label} title={keys ? `${label} (${keys})` : label}>
      {children}
    </button>
  );
}

const recentItems = async (): Promise<MenuItem[]> => (await host.recent()).map((r) => ({ label: r.name, onSelect: () => void openRecent(r.key) }));

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
  const { model } = useCanvasShared();
  const compact = useMedia(COMPACT_TOOLBAR);
  useEffect(() => { document.title = `${dirty ? '● ' : ''}${name} — Seqwire`; }, [name, dirty]);

  const modelItems = useMemo<MenuItem[]>(() => [
    { label: 'Export TensorFlow.js files', onSelect: () => void exportLatest('tfjs') },
    { label: 'Export Keras Python', onSelect: () => void exportLatest('keras') },
    { label: 'Import a model…', onSelect: () => void importModel() },
  ], []);
  const fileItems = useMemo<(MenuItem | null)[]>(() => [
    { label: 'New', hint: `${mod}N`, onSelect: () => void newProject() },
    { label: 'Open…', hint: `${mod}O`, onSelect: () => void openProject() },
    { label: 'Save', hint: `${mod}S`, onSelect: () => void saveProject() },
    { label: 'Save As…', hint: `${mod}Shift+S`, onSelect: () => void saveProject(true) },
    null,
    { label: 'Templates…', onSelect: onTemplates },
    ...(api ? [null, ...modelItems] : []),
  ], [onTemplates, modelItems]);

  return (
    <header className={`sw-toolbar ${compact ? 'is-compact' : ''}`} role="toolbar" aria-label="commands">
      <div className="sw-brand" aria-hidden><span className="sw-logo">◆</span> Seqwire</div>
      <div className="sw-doc-name" aria-label="document" title={name}>
        <span className="sw-doc-title">{name}</span>
        {dirty ? <span className="sw-unsaved" role="status" aria-label="unsaved changes" title="unsaved changes">●</span> : null}
      </div>
      {compact ? (
        <div className="sw-tool-group" aria-label="file">
          <MenuButton label="File" menuLabel="file commands" text={<>File ▾</>} items={fileItems} />
          <MenuButton label="Open Recent" menuLabel="recent projects" text={<>Recent ▾</>} items={recentItems} empty="No recent projects" />
        </div>
      ) : (
        <div className="sw-tool-group" aria-label="file">
          <Tool label="New" keys={`${mod}N`} onClick={() => void newProject()}>New</Tool>
          <Tool label="Open" keys={`${mod}O`} onClick={() => void openProject()}>Open</Tool>
          <MenuButton label="Open Recent" menuLabel="recent projects" text={<>Recent ▾</>} items={recentItems} empty="No recent projects" />
          <Tool label="Save" keys={`${mod}S`} onClick={() => void saveProject()}>Save</Tool>
          <Tool label="Save As" keys={`${mod}Shift+S`} onClick={() => void saveProject(true)}>Save As</Tool>
          <Tool label="Templates" onClick={onTemplates}>Templates</Tool>
          {api ? <MenuButton label="Model files" menuLabel="model files" text={<>Model ▾</>} items={modelItems} /> : null}
        </div>
      )}
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
        <Tool label="Zoom to fit" keys="F" onClick={() => void fitView(flow, { duration: 250 })}><Icon name="fit" />{compact ? null : ' Fit'}</Tool>
        <Tool label="Auto-layout" keys="L" onClick={() => void autoLayout(model.measured).then(() => fitSoon(flow, { duration: 250 }))}><Icon name="layout" />{compact ? null : ' Layout'}</Tool>
      </div>
      <div className="sw-tool-group" aria-label="annotate">
        <Tool label="Add note" onClick={() => addNote(placeNew(flow, model.measured, centreOfView(flow)))}><Icon name="note" />{compact ? null : ' Note'}</Tool>
        <Tool label="Add group" keys={`${mod}G`} onClick={() => addGroup(centreOfView(flow), model.measured)}><Icon name="group" />{compact ? null : ' Group'}</Tool>
      </div>
      <div className="sw-spacer" />
      <button type="button" className={`sw-tool sw-train-toggle ${trainingOpen ? 'is-on' : ''}`} onClick={onTraining} aria-pressed={trainingOpen} aria-label="Training panel">
        <Icon name="play" size={13} /> Train
      </button>
    </header>
  );
}
