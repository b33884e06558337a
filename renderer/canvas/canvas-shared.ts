import { FlowModel } from './flow-model';

/**
 * What the canvas shares with the commands outside it (auto-layout, paste),
 * read-only to them: the node sizes it measured and where the pointer last
 * was. The canvas alone writes them; they stay out of the editor store so a
 * pointer move or a measurement never wakes its subscribers.
 */

/** The canvas's node model; its `measured` sizes are what auto-layout reads. */
export const canvasModel = new FlowModel();

let pointerAt: { x: number; y: number } | null = null;

/** The node sizes the canvas measured, by node id. */
export function measuredSizes(): ReadonlyMap<string, { width: number; height: number }> {
  return canvasModel.measured;
}

/** Where the pointer last was on the canvas, in flow coordinates (pastes land there); `null` off the canvas. */
export function pointerPosition(): { x: number; y: number } | null {
  return pointerAt;
}

/** Called by the canvas as the pointer moves over it or leaves it. */
export function setPointerPosition(at: { x: number; y: number } | null): void {
  pointerAt = at;
}
