import type { BrowserContext, Page } from '@playwright/test';

/**
 * Measurements taken inside the window, with the page's own clock: the frames
 * that requestAnimationFrame sees during a drag (a cross-check of the trace),
 * and the time from an edit's input event to the wire label that shows its
 * new shape.
 */

/**
 * tsx compiles this file with esbuild's keepNames, which wraps named functions
 * in `__name(...)`; the functions below travel to the page as source text, so
 * the page needs that helper too.
 */
export async function prepareContext(context: BrowserContext): Promise<void> {
  await context.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn);');
}

interface BenchWindow {
  __swFrames?: { times: number[]; running: boolean };
  __swEdit?: Promise<{ toDomMs: number; toFrameMs: number } | null>;
}

/** Starts recording rAF timestamps (at most `limit` of them). */
export async function startFrameClock(page: Page, limit = 2000): Promise<void> {
  await page.evaluate((max) => {
    const w = window as BenchWindow;
    const clock = { times: [] as number[], running: true };
    w.__swFrames = clock;
    const tick = (t: number) => {
      if (!clock.running || clock.times.length >= max) return;
      clock.times.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, limit);
}

/** Stops the rAF recording; gives the intervals between frames in ms. */
export async function stopFrameClock(page: Page): Promise<number[]> {
  const times = await page.evaluate(() => {
    const clock = (window as BenchWindow).__swFrames;
    if (!clock) return [];
    clock.running = false;
    return clock.times;
  });
  return times.slice(1).map((t, i) => t - times[i]);
}

/**
 * Arms a watch for the label of wire `edgeId` to read `expected`: from the
 * next `input` or `change` event anywhere in the page (captured before React
 * sees it) to the DOM mutation that shows the text, and to the start of the
 * frame that paints it. Gives null when nothing happened within `timeoutMs`.
 */
export async function armEditWatch(page: Page, edgeId: string, expected: string, timeoutMs = 5000): Promise<void> {
  await page.evaluate(({ edgeId, expected, timeoutMs }) => {
    const w = window as BenchWindow;
    w.__swEdit = new Promise((resolve) => {
      let editAt: number | null = null;
      const onEdit = (e: Event) => { editAt ??= e.timeStamp > 0 ? Math.min(e.timeStamp, performance.now()) : performance.now(); };
      document.addEventListener('input', onEdit, { capture: true, once: true });
      document.addEventListener('change', onEdit, { capture: true, once: true });
      const label = () => document.querySelector(`[data-testid="wire-label-${CSS.escape(edgeId)}"]`)?.textContent ?? null;
      const finish = (value: { toDomMs: number; toFrameMs: number } | null) => {
        observer.disconnect();
        clearTimeout(timer);
        document.removeEventListener('input', onEdit, { capture: true });
        document.removeEventListener('change', onEdit, { capture: true });
        resolve(value);
      };
      const observer = new MutationObserver(() => {
        if (editAt === null || label() !== expected) return;
        const start = editAt;
        const toDomMs = performance.now() - start;
        observer.disconnect();
        requestAnimationFrame((frameAt) => finish({ toDomMs, toFrameMs: Math.max(frameAt - start, toDomMs) }));
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      const timer = setTimeout(() => finish(null), timeoutMs);
    });
  }, { edgeId, expected, timeoutMs });
}

/** Waits for the watch armed by `armEditWatch`. */
export async function editWatchResult(page: Page): Promise<{ toDomMs: number; toFrameMs: number } | null> {
  return page.evaluate(() => (window as BenchWindow).__swEdit ?? null);
}
