import { yRange, type Forecast, type Line } from './sample-view';

const W = 380;
const H = 120;
const PAD = { left: 34, right: 10, top: 8, bottom: 16 };
export const FORECAST_COLORS = { history: '#94a3b8', truth: '#34d399', prediction: '#fb923c' };

/** One sample's forecast: the history the model read, then the truth and the prediction (and, dashed, its own forecast fed back). */
export function ForecastPlot({ label, forecast }: { label: string; forecast: Forecast }) {
  const lines = [forecast.history, forecast.truth, forecast.prediction, forecast.fedBack];
  const xs = lines.flat().map(([x]) => x);
  const xMax = Math.max(1, ...xs);
  const [lo, hi] = yRange(lines);
  const x = (v: number) => PAD.left + (v / xMax) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - ((v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const path = (line: Line) => line.filter(([, v]) => Number.isFinite(v)).map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(' ');
  const last = forecast.history.at(-1);
  const point = forecast.truth.length === 1 && forecast.prediction.length === 1;
  const err = point ? Math.abs(forecast.truth[0][1] - forecast.prediction[0][1]) : meanAbs(forecast.truth, forecast.prediction);
  return (
    <figure className="sw-forecast" aria-label={label} data-points={forecast.history.length + forecast.truth.length + forecast.prediction.length} data-fed-back={forecast.fedBack.length}>
      <figcaption>{label} <span className="muted">· {point ? '' : 'mean '}|error| {Number.isFinite(err) ? err.toFixed(3) : '—'}</span></figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" height={H} role="img" aria-label={`${label}: history, truth and prediction`}>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="#2c3442" />
        <text x={PAD.left - 4} y={y(hi) + 9} textAnchor="end" className="sw-axis">{hi.toFixed(2)}</text>
        <text x={PAD.left - 4} y={y(lo)} textAnchor="end" className="sw-axis">{lo.toFixed(2)}</text>
        <polyline fill="none" stroke={FORECAST_COLORS.history} strokeWidth={1.5} points={path(forecast.history)} />
        {forecast.fedBack.length ? (
          <polyline fill="none" stroke={FORECAST_COLORS.prediction} strokeWidth={1.5} strokeDasharray="4 3" points={path(last ? [last, ...forecast.fedBack] : forecast.fedBack)} />
        ) : null}
        {point ? (
          <>
            {last ? <line x1={x(last[0])} y1={y(last[1])} x2={x(forecast.truth[0][0])} y2={y(forecast.truth[0][1])} stroke={FORECAST_COLORS.truth} strokeDasharray="2 2" /> : null}
            <circle cx={x(forecast.truth[0][0])} cy={y(forecast.truth[0][1])} r={4} fill={FORECAST_COLORS.truth} />
            <circle cx={x(forecast.prediction[0][0])} cy={y(forecast.prediction[0][1])} r={4} fill="none" stroke={FORECAST_COLORS.prediction} strokeWidth={2} />
          </>
        ) : (
          <>
            <polyline fill="none" stroke={FORECAST_COLORS.truth} strokeWidth={2} points={path(forecast.truth)} />
            <polyline fill="none" stroke={FORECAST_COLORS.prediction} strokeWidth={2} points={path(forecast.prediction)} />
          </>
        )}
      </svg>
    </figure>
  );
}

function meanAbs(a: Line, b: Line): number {
  const n = Math.min(a.length, b.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(a[i][1] - b[i][1]);
  return n ? sum / n : NaN;
}

/** What the colours mean, once above the plots. */
export function ForecastLegend({ fedBack }: { fedBack: boolean }) {
  return (
    <ul className="sw-strip-legend" aria-label="forecast legend">
      <li><span className="sw-swatch" style={{ background: FORECAST_COLORS.history }} />history (input)</li>
      <li><span className="sw-swatch" style={{ background: FORECAST_COLORS.truth }} />truth</li>
      <li><span className="sw-swatch" style={{ background: FORECAST_COLORS.prediction }} />prediction</li>
      {fedBack ? <li><span className="sw-swatch is-dashed" style={{ borderColor: FORECAST_COLORS.prediction }} />forecast fed back</li> : null}
    </ul>
  );
}
