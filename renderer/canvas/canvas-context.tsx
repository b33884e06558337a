import { createContext, useContext, useState } from 'react';
import { FlowModel } from './flow-model';

type Point = { x: number; y: number };

/**
 * What the canvas knows that commands around it need: the flow model, whose
 * `measured` sizes auto-layout, groups and placement read, and where the
 * pointer last was on the canvas (flow coordinates; pastes land there).
 * One per canvas, made by `CanvasProvider`: nothing of it lives in a module.
 */
export interface CanvasShared {
  model: FlowModel;
  pointer: { flow: Point | null };
}

const Shared = createContext<CanvasShared | null>(null);

/** Holds the canvas's shared part for the canvas and the toolbar, shortcuts and host events beside it. */
export function CanvasProvider({ children }: { children: React.ReactNode }) {
  const [shared] = useState<CanvasShared>(() => ({ model: new FlowModel(), pointer: { flow: null } }));
  return <Shared.Provider value={shared}>{children}</Shared.Provider>;
}

export function useCanvasShared(): CanvasShared {
  const shared = useContext(Shared);
  if (!shared) throw new Error('useCanvasShared needs a CanvasProvider above it');
  return shared;
}
