import type { NestedNumbers } from '../../core/api/schemas';

/** Flattens nested numbers to rows of series: [T, k] gives k series of T points; [T] one series. */
export function toSeries(values: NestedNumbers): number[][] {
  const strip = (v: NestedNumbers): NestedNumbers => (Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) ? strip(v[0]) : v);
  const v = strip(values);
  if (!Array.isArray(v)) return [[v]];
  if (v.every((x) => typeof x === 'number')) return [v as number[]];
  const rows = v.map((x) => (Array.isArray(x) ? x.flat(Infinity as 1) as number[] : [x]));
  const k = Math.max(...rows.map((r) => r.length));
  return Array.from({ length: k }, (_, j) => rows.map((r) => r[j] ?? NaN));
}

const COLORS = ['#7c9cff', '#fb923c', '#34d399', '#f472b6', '#facc15'];

/** A small line plot of predicted values: a forecast, or per-step predictions as a strip. */
export function ValuesPlot({ title, values }: { title: string; values: NestedNumbers }) {
  const series = toSeries(values).slice(0, 5);
  const all = series.flat().filter(Number.isFinite);
  const min = Math.min(...all, 0);
  const max = Math.max(...all, 1e-9);
  const n = Math.max(...series.map((s) => s.length), 2);
  const w = 380;
  const h = 120;
  const x = (i: number) => (i / (n - 1)) * (w - 20) + 10;
  const y = (v: number) => h - 10 - ((v - min) / (max - min || 1)) * (h - 20);
  return (
    <figure className="sw-chart" aria-label={`${title} values`}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} width="100%" height={h} role="img" aria-label={`plot of ${title}`}>
        <line x1={10} x2={w - 10} y1={y(0)} y2={y(0)} stroke="#2c3442" />
        {series.map((s, j) => (
          <polyline key={j} fill="none" stroke={COLORS[j % COLORS.length]} strokeWidth={2}
            points={s.map((v, i) => (Number.isFinite(v) ? `${x(i)},${y(v)}` : '')).filter(Boolean).join(' ')} />
        ))}
      </svg>
    </figure>
  );
}
