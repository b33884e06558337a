import { describe, expect, it } from 'vitest';
import { CANVAS_MIN, defaultTrainingWidth, planPanels, RAIL } from './panel-plan';
import type { LayoutSizes } from './layout-store';

const sizes = (over: Partial<LayoutSizes> = {}): LayoutSizes => ({
  paletteWidth: 180, inspectorWidth: 260, trainingWidth: null, paletteOpen: true, inspectorOpen: true, ...over,
});

describe('dividing the window among the panels', () => {
  it('gives the training panel room for two columns at 1024 px by folding the palette, and the canvas keeps its minimum', () => {
    const plan = planPanels(1024, true, sizes());
    expect(plan.paletteOpen).toBe(false);
    expect(plan.rightWidth).toBeGreaterThanOrEqual(560);
    expect(1024 - RAIL - plan.rightWidth).toBeGreaterThanOrEqual(CANVAS_MIN);
  });

  it('lets the training panel give way when the user opens the palette again on a narrow window', () => {
    const plan = planPanels(1024, true, sizes(), true);
    expect(plan.paletteOpen).toBe(true);
    expect(1024 - 180 - plan.rightWidth).toBe(CANVAS_MIN);
  });

  it('keeps the palette on a wide window and lets the training panel grow with the window up to its limit', () => {
    const at1440 = planPanels(1440, true, sizes({ paletteWidth: 220 }));
    const at1920 = planPanels(1920, true, sizes({ paletteWidth: 220 }));
    expect(at1440.paletteOpen && at1920.paletteOpen).toBe(true);
    expect(at1440.rightWidth).toBeGreaterThanOrEqual(600);
    expect(at1920.rightWidth).toBeGreaterThan(at1440.rightWidth + 150);
    expect(defaultTrainingWidth(4000)).toBe(860);
  });

  it('keeps a width the user dragged to, within what the window allows', () => {
    expect(planPanels(1440, true, sizes({ paletteWidth: 220, trainingWidth: 420 })).rightWidth).toBe(420);
    expect(planPanels(1024, true, sizes({ trainingWidth: 900 })).rightWidth).toBe(1024 - RAIL - CANVAS_MIN);
  });

  it('leaves the palette alone when the inspector is shown', () => {
    const plan = planPanels(1024, false, sizes());
    expect(plan).toEqual({ paletteOpen: true, rightWidth: 260 });
  });
});
