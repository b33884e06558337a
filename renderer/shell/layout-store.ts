import { create } from 'zustand';

/**
 * How the window is divided: the widths of the side panels (dragged by their
 * handles) and which are folded away. Kept in the window's storage so the
 * next start looks the same; nothing here is part of a project.
 */
export interface LayoutState {
  paletteWidth: number;
  inspectorWidth: number;
  /** `null` until the user drags the training panel's handle: until then it follows the window (`defaultTrainingWidth`). */
  trainingWidth: number | null;
  paletteOpen: boolean;
  inspectorOpen: boolean;
  set(patch: Partial<LayoutSizes>): void;
}

const KEY = 'seqwire.layout';
/**
 * 2: the training panel follows the window until its handle is dragged.
 * Layouts saved before held the old default training width whether dragged
 * or not, so theirs is dropped rather than taken for a choice.
 */
const VERSION = 2;
export const PANEL_LIMITS = {
  paletteWidth: [160, 360],
  inspectorWidth: [240, 520],
  trainingWidth: [320, 900],
} as const;

export type LayoutSizes = Omit<LayoutState, 'set'>;
type Sizes = LayoutSizes;

function defaults(): Sizes {
  const w = typeof window === 'undefined' ? 1440 : window.innerWidth;
  return {
    paletteWidth: w < 1200 ? 180 : 220,
    inspectorWidth: w < 1200 ? 260 : 300,
    trainingWidth: null,
    paletteOpen: true,
    inspectorOpen: true,
  };
}

export function clampWidth(which: keyof typeof PANEL_LIMITS, value: number): number {
  const [lo, hi] = PANEL_LIMITS[which];
  return Math.round(Math.min(hi, Math.max(lo, value)));
}

function load(): Sizes {
  const base = defaults();
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Sizes> & { version?: number };
    const out = { ...base };
    for (const k of Object.keys(PANEL_LIMITS) as (keyof typeof PANEL_LIMITS)[]) if (typeof saved[k] === 'number') out[k] = clampWidth(k, saved[k]);
    if (saved.version !== VERSION) out.trainingWidth = null;
    if (typeof saved.paletteOpen === 'boolean') out.paletteOpen = saved.paletteOpen;
    if (typeof saved.inspectorOpen === 'boolean') out.inspectorOpen = saved.inspectorOpen;
    return out;
  } catch {
    return base;
  }
}

export const useLayout = create<LayoutState>()((set, get) => ({
  ...load(),
  set: (patch) => {
    set(patch);
    const { set: _fn, ...sizes } = get();
    try {
      localStorage.setItem(KEY, JSON.stringify({ ...sizes, version: VERSION }));
    } catch {
      // Without storage the layout only lasts this session.
    }
  },
}));
