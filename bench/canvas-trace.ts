import type { CDPSession } from '@playwright/test';

/** One Chromium trace event, as `Tracing.dataCollected` delivers it (times in microseconds). */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; message?: string; data?: { message?: string } };
}

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline.frame'].join(',');

/** Starts a trace over CDP; the returned function stops it and resolves to every event (bounded by `timeoutMs`). */
export async function startTrace(cdp: CDPSession, timeoutMs = 30_000): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (p: { value: object[] }) => events.push(...(p.value as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
  return async () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const complete = new Promise<void>((resolve, reject) => {
      cdp.once('Tracing.tracingComplete', () => resolve());
      timer = setTimeout(() => reject(new Error(`the trace did not complete in ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await cdp.send('Tracing.end');
      await complete;
    } finally {
      clearTimeout(timer);
    }
    return events;
  };
}

/** What the trace says about the frames between two `console.timeStamp` markers. */
export interface FrameStats {
  /** Intervals between consecutive presented frames, marker edges included, in ms. */
  intervalsMs: number[];
  frames: number;
  /** The longest main-thread event of the renderer in the window, in ms. */
  longestTaskMs: number;
  windowMs: number;
  /** Wall time the renderer's main thread spent in top-level events, and the CPU time of those events. */
  mainBusyMs: number;
  mainCpuMs: number;
}

const markerText = (e: TraceEvent) => e.args?.data?.message ?? e.args?.message ?? '';

/**
 * Frames are the renderer compositor's `DrawFrame` events (a frame produced for
 * the screen); a frame "takes" the time since the one before it, as DevTools'
 * frame track counts it. The window runs from the start marker to the end
 * marker, so a stall before the first or after the last frame counts too.
 */
export function frameStats(events: TraceEvent[], startMarker: string, endMarker: string): FrameStats {
  const start = events.find((e) => e.name === 'TimeStamp' && markerText(e) === startMarker);
  const end = events.find((e) => e.name === 'TimeStamp' && markerText(e) === endMarker);
  if (!start || !end) throw new Error('the trace lacks the drag markers (console.timeStamp)');
  const pid = start.pid;
  const mainTid = start.tid;
  const inWindow = (e: TraceEvent) => e.pid === pid && e.ts >= start.ts && e.ts <= end.ts;
  const draws = events.filter((e) => e.name === 'DrawFrame' && inWindow(e)).map((e) => e.ts).sort((a, b) => a - b);
  const edges = [start.ts, ...draws, end.ts];
  const intervalsMs = edges.slice(1).map((t, i) => (t - edges[i]) / 1000);
  // Complete events on the main thread; the outermost of each nest is one piece of work.
  const onMain = events
    .filter((e) => e.ph === 'X' && e.tid === mainTid && inWindow(e) && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  let busy = 0;
  let cpu = 0;
  let longest = 0;
  let until = -Infinity;
  for (const e of onMain) {
    if (e.ts < until) continue;
    until = e.ts + (e.dur ?? 0);
    busy += e.dur ?? 0;
    cpu += e.tdur ?? e.dur ?? 0;
    longest = Math.max(longest, e.dur ?? 0);
  }
  return { intervalsMs, frames: draws.length, longestTaskMs: longest / 1000, windowMs: (end.ts - start.ts) / 1000, mainBusyMs: busy / 1000, mainCpuMs: cpu / 1000 };
}
