import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { Canvas } from './canvas/Canvas';
import { Inspector } from './panels/Inspector';
import { Palette } from './panels/Palette';
import { Problems } from './panels/Problems';
import { TemplateGallery } from './panels/TemplateGallery';
import { Notice } from './shell/Notice';
import { RecoveryOffer } from './shell/RecoveryOffer';
import { StatusBar } from './shell/StatusBar';
import { Toolbar } from './shell/Toolbar';
import { useShortcuts } from './shell/use-shortcuts';
import { startAutosave } from './state/files';
import { isDirty, useEditor } from './state/store';

function Editor() {
  const [gallery, setGallery] = useState(() => useEditor.getState().graph.nodes.length === 0);
  const [training, setTraining] = useState(false);
  useShortcuts();
  useEffect(() => startAutosave(), []);
  useEffect(() => {
    // Closing a window with unsaved changes asks first (the recovery copy is the second net).
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
      </div>
      <StatusBar />
      <Notice />
      {gallery ? <TemplateGallery onClose={() => setGallery(false)} /> : null}
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
