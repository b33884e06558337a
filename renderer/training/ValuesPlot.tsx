import type { NestedNumbers } from '../../core/api/schemas';

/**
 * Lines to draw from generated values: `[samples][steps][dims]` gives one line
 * per sample (its first dim), or one per dim when there is a single sample;
 * `[steps][dims]` one per dim; `[steps]` one line.
 */
export function toSeries(values: NestedNumbers): number[][] {
  const num = (v: NestedNumbers): number => (typeof v === 'number' ? v : Array.isArray(v) && v.length ? num(v[0]) : NaN);
  if (!Array.isArray(values)) return [[values]];
  const depth = (v: NestedNumbers): number => (Array.isArray(v) ? 1 + (v.length ? depth(v[0]) : 0) : 0);
  const d = depth(values);
  const perDim = (steps: NestedNumbers[]) => {
    const dims = Math.max(1, ...steps.map((st) => (Array.isArray(st) ? st.length : 1)));
    return Array.from({ length: dims }, (_, j) => steps.map((st) => (Array.isArray(st) ? num(st[j]) : num(st))));
  };
  if (d >= 3) {
    const samples = values as NestedNumbers[][];
    return samples.length === 1 ? perDim(samples[0]) : samples.map((steps) => steps.map(num));
  }
  if (d === 2) return perDim(values as NestedNumbers[]);
  return [(values as NestedNumbers[]).map(num)];
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
