import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Canvas } from './canvas/Canvas';
import { Inspector } from './panels/Inspector';
import { Palette } from './panels/Palette';
import { Problems } from './panels/Problems';
import { TemplateGallery } from './panels/TemplateGallery';
import { FileChooser } from './shell/FileChooser';
import { Notice } from './shell/Notice';
import { RecoveryOffer } from './shell/RecoveryOffer';
import { StatusBar } from './shell/StatusBar';
import { Toolbar } from './shell/Toolbar';
import { useShortcuts } from './shell/use-shortcuts';
import { startAutosave } from './state/files';
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
    const frame = requestAnimationFrame(() => void flow.fitView({ padding: 0.2, duration: 200, maxZoom: 1.2 }));
    return () => cancelAnimationFrame(frame);
  }, [value, flow]);
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
      <RecoveryOffer />
      <div className="sw-main">
        <Palette />
        <main className="sw-center">
          <Canvas />
          <Problems />
        </main>
        <Inspector />
        {training ? <TrainingPanel /> : null}
      </div>
      <StatusBar />
      <Notice />
      {gallery ? <TemplateGallery onClose={() => setGallery(false)} /> : null}
      <FileChooser />
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Editor />
    </ReactFlowProvider>
  );
}
