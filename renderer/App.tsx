import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Canvas } from './canvas/Canvas';
import { CanvasProvider } from './canvas/canvas-context';
import { fitView } from './canvas/viewport';
import { Inspector } from './panels/Inspector';
import { Palette } from './panels/Palette';
import { Problems } from './panels/Problems';
import { TemplateGallery } from './panels/TemplateGallery';
import { DiscardDialog } from './shell/DiscardDialog';
import { FileChooser } from './shell/FileChooser';
import { Notice } from './shell/Notice';
import { RecoveryOffer } from './shell/RecoveryOffer';
import { clampWidth, PANEL_LIMITS, useLayout } from './shell/layout-store';
import { planPanels } from './shell/panel-plan';
import { SidePanel } from './shell/SidePanel';
import { StatusBar } from './shell/StatusBar';
import { useWindowWidth } from './shell/use-media';
import { Toolbar } from './shell/Toolbar';
import { useShortcuts } from './shell/use-shortcuts';
import { startAutosave } from './state/files';
import { startUp } from './state/startup';
import { isDirty, useEditor } from './state/store';
import { nativeWindow } from './host/host';
import { useHostEvents } from './host/use-host-events';
import { exportLatest, importModel } from './training/GeneratePanel';
import { TrainingPanel } from './training/TrainingPanel';
import { listenToTraining, useRun } from './training/run-store';

/** Opening or closing the training panel changes the canvas width: fit the graph again. */
function useRefitOn(value: unknown) {
  const flow = useReactFlow();
  const seen = useRef(value);
  useEffect(() => {
    // Only a change of the value refits; the helper object itself changes identity as the canvas initialises.
    if (seen.current === value) return;
    seen.current = value;
    const frame = requestAnimationFrame(() => void fitView(flow, { duration: 200 }));
    return () => cancelAnimationFrame(frame);
  }, [value, flow]);
}

/**
 * Palette | canvas and problems | inspector, or the training panel in the
 * inspector's column (wider, so its charts have room). Side panels resize by
 * their handles and fold into rails; on a narrow window the palette folds by
 * itself while training is open, until the user opens it again.
 */
function Panels({ training, onCloseTraining }: { training: boolean; onCloseTraining(): void }) {
  const layout = useLayout();
  const windowWidth = useWindowWidth();
  const [keepPalette, setKeepPalette] = useState(false);
  useEffect(() => { if (!training) setKeepPalette(false); }, [training]);
  const rightKey = training ? 'trainingWidth' : 'inspectorWidth';
  const [rightMin, rightMax] = PANEL_LIMITS[rightKey];
  const { paletteOpen, rightWidth } = planPanels(windowWidth, training, layout, keepPalette);
  const openPalette = (open: boolean) => {
    // Opened while training had folded it: the training panel gives way for as long as it is open.
    if (open && training) setKeepPalette(true);
    layout.set({ paletteOpen: open });
  };
  const rightName = training ? 'training panel' : 'inspector';
  return (
    <div className="sw-main">
      <SidePanel side="left" name="palette" open={paletteOpen} width={layout.paletteWidth} min={PANEL_LIMITS.paletteWidth[0]} max={PANEL_LIMITS.paletteWidth[1]}
        onWidth={(w) => layout.set({ paletteWidth: clampWidth('paletteWidth', w) })} onOpen={openPalette}>
        <Palette />
      </SidePanel>
      <main className="sw-center">
        <Canvas />
        <Problems />
        <Notice />
      </main>
      <SidePanel side="right" name={rightName} open={layout.inspectorOpen || training} width={rightWidth} min={rightMin} max={rightMax}
        onWidth={(w) => layout.set({ [rightKey]: clampWidth(rightKey, w) })} onOpen={(o) => (training && !o ? onCloseTraining() : layout.set({ inspectorOpen: o }))}>
        {training ? <TrainingPanel /> : <Inspector />}
      </SidePanel>
    </div>
  );
}

function Editor() {
  const [gallery, setGallery] = useState(() => useEditor.getState().graph.nodes.length === 0);
  const [training, setTraining] = useState(false);
  useShortcuts();
  // A document opened from elsewhere (the OS, a menu, recovery) replaces the welcome gallery.
  const file = useEditor((s) => s.file);
  const firstFile = useRef(file);
  useEffect(() => { if (file !== firstFile.current) setGallery(false); }, [file]);
  useRefitOn(training);
  const hostActions = useMemo(() => ({ showTemplates: () => setGallery(true), exportModel: (f: 'tfjs' | 'keras') => void exportLatest(f), importModel: () => void importModel() }), []);
  useHostEvents(hostActions);
  useEffect(() => startAutosave(), []);
  useEffect(() => { void startUp(); }, []);
  // Training events are heard from the start (a run may outlive the panel), and the runs list follows the project.
  useEffect(() => listenToTraining(), []);
  const projectPath = useEditor((s) => s.file.path);
  useEffect(() => { void useRun.getState().refreshRuns(); }, [projectPath]);
  useEffect(() => {
    // Closing a window with unsaved changes asks first (the recovery copy is the second net).
    if (nativeWindow) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => { if (isDirty(useEditor.getState())) e.preventDefault(); };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
  return (
    <div className={`sw-app ${training ? 'with-training' : ''}`}>
      <Toolbar onTemplates={() => setGallery(true)} onTraining={() => setTraining((t) => !t)} trainingOpen={training} />
      {gallery ? null : <RecoveryOffer />}
      <Panels training={training} onCloseTraining={() => setTraining(false)} />
      <StatusBar />
      {gallery ? <TemplateGallery onClose={() => setGallery(false)} /> : null}
      <FileChooser />
      <DiscardDialog />
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <CanvasProvider>
        <Editor />
      </CanvasProvider>
    </ReactFlowProvider>
  );
}
