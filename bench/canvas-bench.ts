import { existsSync } from 'node:fs';
import os from 'node:os';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { saveGraph } from '../core/graph/load';
import type { Graph } from '../core/graph/schema';
import { startBrowserMode, type BrowserModeServer } from '../e2e/browser-mode';
import { armEditWatch, editWatchResult, prepareContext, startFrameClock, stopFrameClock } from './canvas-page';
import { frameStats, startTrace, type FrameStats } from './canvas-trace';
import { median, type BenchModule, type Figure } from './measure';
import { bigGraph } from './validate-bench';

/**
 * The canvas quality of issue 6, measured in a real browser: with 300 nodes on
 * the canvas, the longest and the median frame while a node is dragged with
 * the mouse (from a Chromium performance trace), and the time from an edit in
 * the inspector to the new shape on the wire. Browser mode is started as the
 * e2e harness starts it; the graph arrives as a user's file through Open.
 * `SEQWIRE_BENCH_TRACE=file.json` keeps the last drag's trace for DevTools.
 */

const NODES = 300;
const FILE = `bench-${NODES}.seqwire.json`;
const DRAG_MS = 2000;
const DRAGS = 3;
const EDITS = 12;
const CHROMIUM = process.env.SEQWIRE_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const VIEWPORT = { width: 1440, height: 900 };

/** The 300-node graph of the validation bench, its 60 chains laid out in three columns so that the whole graph fits one screen. */
function canvasGraph(): Graph {
  const graph = bigGraph(NODES);
  // bigGraph adds the nodes chain by chain, five to a chain.
  const nodes = graph.nodes.map((n, i) => {
    const chain = Math.floor(i / 5);
    const column = Math.floor(chain / 20);
    return { ...n, position: { x: (n.position?.x ?? 0) + column * 1400, y: (chain % 20) * 140 } };
  });
  return { ...graph, name: `bench ${NODES}`, nodes };
}

/** `npm run web` builds a missing or stale window itself; the harness's server skips that, so build first, as e2e's global setup does. */
async function ensureWindowBuilt(): Promise<void> {
  const script = new URL('../scripts/build-electron.mjs', import.meta.url).href;
  const { ensureRendererBuilt } = (await import(script)) as { ensureRendererBuilt(opts?: { log?(line: string): void }): boolean };
  if (!ensureRendererBuilt({ log: (line) => process.stderr.write(`${line}\n`) })) throw new Error('the window did not build');
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Opens the project file the way a user does in browser mode: Open, then the file in the in-app chooser. */
async function openProjectFile(page: Page, url: string): Promise<void> {
  await gotoWithRetry(page, url);
  await page.getByRole('button', { name: 'empty project' }).click();
  await page.getByRole('dialog', { name: 'templates' }).waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByRole('dialog', { name: 'open a file' }).getByRole('button', { name: `file ${FILE}` }).click();
  await page.getByRole('contentinfo', { name: 'status' }).getByText(`${NODES} nodes`).waitFor();
  await page.getByRole('button', { name: 'Zoom to fit' }).click();
  await waitForStillViewport(page);
}

/** A loaded machine has refused the first connection to a fresh server now and then (ERR_SOCKET_NOT_CONNECTED); try three times. */
async function gotoWithRetry(page: Page, url: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(url);
      return;
    } catch (err) {
      if (attempt >= 3 || !/net::ERR_/.test((err as Error).message)) throw err;
      process.stderr.write(`canvas: ${(err as Error).message.split('\n')[0]}; retrying\n`);
      await sleep(500 * attempt);
    }
  }
}

/** The fit animates the viewport for 250 ms; waits (bounded) until its transform stops changing. */
async function waitForStillViewport(page: Page): Promise<void> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    await sleep(100);
    const now = await page.locator('.react-flow__viewport').getAttribute('style');
    if (now === last) return;
    last = now ?? '';
  }
}

interface DragResult extends FrameStats {
  rafIntervals: number[];
  moves: number;
  movedPx: number;
}

/**
 * Presses on a node's body and moves it around an ellipse for `DRAG_MS`, under
 * a CDP trace. The moves go out every 16 ms through CDP without waiting for
 * each to be handled, as a real mouse reports at its own rate whatever the
 * page is doing (awaiting each move would add the harness's round trip to
 * every frame); Chromium coalesces what the page cannot keep up with.
 */
async function dragUnderTrace(page: Page, nodeId: string, direction: 1 | -1): Promise<DragResult> {
  const target = page.getByTestId(`node-${nodeId}`);
  const box = await target.boundingBox();
  if (!box) throw new Error(`node ${nodeId} is not on screen`);
  const x0 = box.x + box.width / 2;
  const y0 = box.y + box.height * 0.35;
  const cdp = await page.context().newCDPSession(page);
  try {
    const stopTrace = await startTrace(cdp);
    await startFrameClock(page);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move(x0 + 4, y0 + 4);
    await page.evaluate(() => console.timeStamp('seqwire-drag-start'));
    const sent: Promise<unknown>[] = [];
    const began = performance.now();
    let moves = 0;
    while (performance.now() - began < DRAG_MS && moves < 1000) {
      const t = (performance.now() - began) / 1000;
      // One loop of a 240 × 120 px ellipse per second: a node dragged around its neighbours.
      const x = x0 + 4 + direction * 120 * Math.sin(2 * Math.PI * t);
      const y = y0 + 4 + 60 * (1 - Math.cos(2 * Math.PI * t));
      sent.push(cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y, button: 'left', buttons: 1 }));
      moves++;
      const wait = began + moves * 16 - performance.now();
      if (wait > 0) await sleep(wait);
    }
    await withTimeout(Promise.all(sent), 30_000, 'handling the drag moves');
    await page.evaluate(() => console.timeStamp('seqwire-drag-end'));
    await page.mouse.move(x0 + 4 + direction * 120, y0 + 64);
    await page.mouse.up();
    const rafIntervals = await stopFrameClock(page);
    const events = await stopTrace();
    if (process.env.SEQWIRE_BENCH_TRACE) await writeFile(process.env.SEQWIRE_BENCH_TRACE, JSON.stringify({ traceEvents: events }));
    const stats = frameStats(events, 'seqwire-drag-start', 'seqwire-drag-end');
    const after = await target.boundingBox();
    const movedPx = after ? Math.hypot(after.x - box.x, after.y - box.y) : 0;
    return { ...stats, rafIntervals, moves, movedPx };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Selects an LSTM and types new `units` into the inspector, timing each edit to the new shape on its outgoing wire. */
async function timeUnitsEdits(page: Page, nodeId: string, edgeId: string): Promise<{ toDom: number[]; toFrame: number[] }> {
  await page.getByTestId(`node-${nodeId}`).locator('header').click();
  const inspector = page.getByRole('complementary', { name: 'inspector' });
  await inspector.getByText(nodeId, { exact: true }).waitFor();
  const units = inspector.getByLabel('units', { exact: true });
  const toDom: number[] = [];
  const toFrame: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const value = i % 2 === 0 ? 48 + i : 64 + i;
    await armEditWatch(page, edgeId, `[T, ${value}]`);
    await units.fill(String(value));
    const result = await editWatchResult(page);
    if (!result) throw new Error(`the wire ${edgeId} did not show [T, ${value}] within 5 s of the edit`);
    // The first edit also builds the inspector's caches; it counts like the rest.
    toDom.push(result.toDomMs);
    toFrame.push(result.toFrameMs);
    await sleep(50);
  }
  return { toDom, toFrame };
}

export const canvasBench: BenchModule = {
  name: 'canvas',
  async run(): Promise<Figure[]> {
    if (!existsSync(CHROMIUM)) {
      const note = `no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set SEQWIRE_CHROMIUM`;
      return ['dragMaxFrameMs', 'dragMedianFrameMs', 'dragCpuPerFrameMs', 'editToShapesMs'].map((name) => ({ name, value: null, unit: 'ms', note }));
    }
    await ensureWindowBuilt();
    const load = os.loadavg()[0];
    const graph = canvasGraph();
    let server: BrowserModeServer | null = null;
    let browser: Browser | null = null;
    try {
      server = await withTimeout(startBrowserMode(), 60_000, 'starting browser mode');
      await writeFile(join(server.projectDir, FILE), saveGraph(graph));
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
      const context = await browser.newContext({ viewport: VIEWPORT });
      await prepareContext(context);
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await openProjectFile(page, server.url);
      const rendered = { nodes: await page.locator('.react-flow__node').count(), edges: await page.locator('.react-flow__edge').count() };
      const drags: DragResult[] = [];
      for (let i = 0; i < DRAGS; i++) drags.push(await dragUnderTrace(page, 'd130', i % 2 ? -1 : 1));
      const edits = await timeUnitsEdits(page, 'rnn0', 'e0_1');
      return report(graph, rendered, drags, edits, load);
    } finally {
      await browser?.close().catch(() => undefined);
      await server?.stop();
    }
  },
};

function report(graph: Graph, rendered: { nodes: number; edges: number }, drags: DragResult[], edits: { toDom: number[]; toFrame: number[] }, load: number): Figure[] {
  const scene = `${graph.nodes.length} nodes and ${graph.edges.length} wires opened from a .seqwire.json through Open in browser mode and zoomed to fit (${rendered.nodes} nodes, ${rendered.edges} wires in the DOM); headless Debian Chromium, ${VIEWPORT.width}×${VIEWPORT.height}, --disable-gpu (software compositing); load average ${load.toFixed(1)} on ${os.cpus().length} cores at the start`;
  const maxima = drags.map((d) => Math.max(...d.intervalsMs));
  const dragMax = median(maxima);
  const dragMedian = median(drags.map((d) => median(d.intervalsMs)));
  const raf = drags.flatMap((d) => d.rafIntervals);
  const moved = drags.map((d) => `${d.frames} frames/${d.moves} moves/${Math.round(d.movedPx)} px`).join(', ');
  const dragHow = `median over ${drags.length} drags of the longest frame in each (${maxima.map(fmt).join(', ')} ms); a frame is the interval between the compositor's DrawFrame events in a CDP trace (devtools.timeline + timeline.frame) of a ${DRAG_MS / 1000} s mouse drag of node d130 with a move every 16 ms (${moved})`;
  const check = `cross-check: requestAnimationFrame intervals median ${fmt(median(raf))}, max ${fmt(Math.max(...raf))} ms; longest main-thread event ${fmt(Math.max(...drags.map((d) => d.longestTaskMs)))} ms`;
  const busy = drags.reduce((sum, d) => sum + d.mainBusyMs, 0) / drags.reduce((sum, d) => sum + d.windowMs, 0);
  const cpuPerFrame = drags.reduce((sum, d) => sum + d.mainCpuMs, 0) / Math.max(1, drags.reduce((sum, d) => sum + d.frames, 0));
  const work = `CPU time of the renderer's main thread (trace thread times) over the frames drawn in the same drags; the thread was busy ${Math.round(busy * 100)}% of the drags`;
  const editMedian = median(edits.toDom);
  return [
    { name: 'dragMaxFrameMs', value: dragMax, unit: 'ms', target: '< 50', pass: dragMax < 50, note: `${dragHow}; ${check}; ${scene}` },
    { name: 'dragMedianFrameMs', value: dragMedian, unit: 'ms', note: `the same drags, median of each drag's median frame (${drags.map((d) => fmt(median(d.intervalsMs))).join(', ')} ms)` },
    // Wall-clock frames swing with whatever else the machine runs; the CPU the window spends per frame much less.
    { name: 'dragCpuPerFrameMs', value: cpuPerFrame, unit: 'ms', note: `${work}; over 16.7 ms the window cannot draw 60 frames a second even on an idle core` },
    {
      name: 'editToShapesMs', value: editMedian, unit: 'ms', target: '< 16.7 (one frame)', pass: editMedian < 16.7,
      note: `median of ${edits.toDom.length} edits of units on LSTM rnn0 typed into the inspector, from the input event to the DOM mutation that puts the new [T, n] on wire e0_1 (MutationObserver, performance.now; max ${fmt(Math.max(...edits.toDom))} ms); to the start of the frame that paints it: median ${fmt(median(edits.toFrame))} ms`,
    },
  ];
}

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
