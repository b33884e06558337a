import { PANEL_LIMITS, type LayoutSizes } from './layout-store';

/** The width the canvas keeps whatever the panels ask for. */
export const CANVAS_MIN = 400;
/** A folded side panel's rail. */
export const RAIL = 30;

/**
 * The training panel's width until the user drags its handle: wide enough
 * for two columns (setting up beside the run and its charts) from a
 * 1024-px window up, nearly half of a wide window, and never more than
 * its limit.
 */
export function defaultTrainingWidth(windowWidth: number): number {
  const twoColumns = Math.min(windowWidth - CANVAS_MIN - RAIL, 600);
  return Math.round(Math.max(PANEL_LIMITS.trainingWidth[0], Math.min(860, Math.max(windowWidth * 0.45, twoColumns))));
}

export interface PanelPlan {
  paletteOpen: boolean;
  /** The width of the right-hand column: the inspector, or the training panel in its place. */
  rightWidth: number;
}

/**
 * How the window is divided now. With training open on a narrow window the
 * palette folds into its rail, so the training panel keeps its two columns
 * and the canvas its minimum; when the user opens the palette again
 * (`keepPalette`), the training panel gives way instead.
 */
export function planPanels(windowWidth: number, training: boolean, sizes: LayoutSizes, keepPalette = false): PanelPlan {
  const key = training ? 'trainingWidth' : 'inspectorWidth';
  const [min] = PANEL_LIMITS[key];
  const wanted = training ? sizes.trainingWidth ?? defaultTrainingWidth(windowWidth) : sizes.inspectorWidth;
  let paletteOpen = sizes.paletteOpen;
  if (training && paletteOpen && !keepPalette && windowWidth - sizes.paletteWidth - wanted < CANVAS_MIN) paletteOpen = false;
  const left = paletteOpen ? sizes.paletteWidth : RAIL;
  return { paletteOpen, rightWidth: Math.round(Math.max(min, Math.min(wanted, windowWidth - CANVAS_MIN - left))) };
}
