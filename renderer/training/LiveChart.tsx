import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSeries } from './chart-data';

/**
 * A uPlot chart that takes new data without being rebuilt: data goes in
 * through `setData`, at most a few times a second, so a fast run never
 * stalls the canvas. Rebuilt only when the set of series changes.
 */
/** Points the legend at the last x that has a value. */
function showLatest(u: uPlot) {
  const n = u.data[0]?.length ?? 0;
  if (n > 0) u.setLegend({ idx: n - 1 });
}

export function LiveChart({ title, series, data, yLabel, xLabel = 'epoch', log = false, height = 170 }: { title: string; series: ChartSeries[]; data: [number[], ...(number | null)[][]]; yLabel: string; xLabel?: string; log?: boolean; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;
  const shape = series.map((s) => s.label).join('|');

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axis = { stroke: '#94a3b8', grid: { stroke: '#222b3a', width: 1 }, ticks: { stroke: '#222b3a' }, font: '11px system-ui' };
    const u = new uPlot({
      width: el.clientWidth || 380,
      height,
      legend: { show: true, live: true },
      // Away from the plot the legend reads the latest values instead of "--"; over it, the values under the cursor.
      hooks: { setCursor: [(u: uPlot) => { if (u.cursor.idx == null) showLatest(u); }], setData: [(u: uPlot) => { if (u.cursor.idx == null) showLatest(u); }] },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: false }, y: log ? { distr: 3 } : {} },
      axes: [{ ...axis, label: xLabel, labelSize: 16, labelFont: '11px system-ui' }, { ...axis, label: yLabel, labelSize: 16, labelFont: '11px system-ui', size: 50, values: log ? (_u: uPlot, ticks: number[]) => ticks.map((t) => (t == null ? '' : t.toExponential(0))) : undefined }],
      series: [
        { label: xLabel },
        ...series.map((s) => ({
          label: s.label, stroke: s.color, width: s.dash ? 1.5 : 2, dash: s.dash ? [5, 4] : undefined, spanGaps: true,
          points: { show: s.points, size: 5, fill: s.color },
        })),
      ],
    }, latest.current as uPlot.AlignedData, el);
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: el.clientWidth || 380, height }));
    resize.observe(el);
    return () => { resize.disconnect(); u.destroy(); plot.current = null; };
    // Rebuilt only when the series change; data flows in below.
  }, [shape, height, yLabel, xLabel, log]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  // How many values are drawn, readable from outside (tests, assistive tools) without looking into the canvas.
  const points = data.slice(1).reduce((n, ys) => n + ys.filter((y) => y !== null).length, 0);
  return <figure className="sw-chart" aria-label={title} data-points={points}><figcaption>{title}</figcaption><div ref={box} /></figure>;
}
