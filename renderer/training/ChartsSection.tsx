import { useMemo, useState } from 'react';
import { accuracySeries, flowSnapshots, gradientFlowSeries, gradNormSeries, lossSeries, outputLossSeries } from './chart-data';
import { LiveChart } from './LiveChart';
import { useRun } from './run-store';
import { useThrottled } from './use-throttled';

/** The live charts of the run on screen (and the runs overlaid on its loss): loss, accuracy, loss per output, gradient flow, gradient norm. */
export function ChartsSection() {
  const view = useRun((s) => s.view);
  const overlays = useRun((s) => s.overlays);
  // Charts take a new snapshot at most 3 times a second, whatever the pace of the run.
  const shown = useThrottled(view, 300);
  const loss = useMemo(() => lossSeries(shown.batchLoss, shown.epochs, overlays), [shown.batchLoss, shown.epochs, overlays]);
  const accuracy = useMemo(() => accuracySeries(shown.epochs), [shown.epochs]);
  const [flowAt, setFlowAt] = useState<number | null>(null);
  const snapshots = useMemo(() => flowSnapshots(shown.epochs), [shown.epochs]);
  const flowIndex = flowAt !== null && flowAt < snapshots.length ? flowAt : null;
  const flow = useMemo(() => gradientFlowSeries(shown.epochs, flowIndex), [shown.epochs, flowIndex]);
  const perOutput = useMemo(() => outputLossSeries(shown.epochs), [shown.epochs]);
  const norms = useMemo(() => gradNormSeries(shown.epochs), [shown.epochs]);

  return (
    <section className="sw-train-section" aria-label="charts">
      <LiveChart title="loss chart" yLabel="loss" series={loss.series} data={loss.data} />
      {accuracy.series.length ? <LiveChart title="accuracy chart" yLabel="accuracy" series={accuracy.series} data={accuracy.data} height={140} /> : null}
      {perOutput.outputs > 1 ? <LiveChart title="loss per output chart" yLabel="loss" log series={perOutput.series} data={perOutput.data} height={140} /> : null}
      {flow.series.length ? (
        <>
          <LiveChart title="gradient flow chart" xLabel="steps back in time" yLabel={`‖dL/d${flow.measures === 'hidden state' ? 'h' : 'x'}‖ ÷ last`} log series={flow.series} data={flow.data} height={150} />
          <label className="sw-flow-slider">
            <span>{snapshots[flowIndex ?? snapshots.length - 1]?.label}</span>
            <input type="range" aria-label="gradient flow epoch" min={0} max={Math.max(0, snapshots.length - 1)} step={1}
              value={flowIndex ?? snapshots.length - 1}
              onChange={(e) => { const v = Number(e.target.value); setFlowAt(v >= snapshots.length - 1 ? null : v); }} />
          </label>
        </>
      ) : null}
      {norms.data[0].length ? <LiveChart title="gradient norm chart" yLabel="global norm" log series={norms.series} data={norms.data} height={120} /> : null}
    </section>
  );
}
