import { OPTIMIZERS } from '../../core/graph/schema';
import { DEFAULT_LEARNING_RATES, DEFAULT_TRAIN_OPTIONS } from '../../core/train/options';
import { NumberInput } from '../shell/NumberInput';
import { useEditor } from '../state/store';
import { setTraining } from './DatasetSection';

export type Backend = 'auto' | 'cpu' | 'wasm' | 'node';

/** Optimizer, learning rate, batch size, epochs, validation split, clipNorm, seed (saved in the file) and the backend (this run only). */
export function OptionsSection({ backend, onBackend, disabled }: { backend: Backend; onBackend(b: Backend): void; disabled: boolean }) {
  const t = useEditor((s) => s.graph.training) ?? {};
  const optimizer = t.optimizer?.type ?? DEFAULT_TRAIN_OPTIONS.optimizer.type;
  const num = (label: string, id: string, value: number | undefined, fallback: number, patch: (v: number | undefined) => object, opts: { step?: number | 'any'; min?: number; max?: number } = {}) => (
    <div className="sw-field">
      <label htmlFor={id}>{label}</label>
      <NumberInput id={id} step={opts.step ?? 1} min={opts.min} max={opts.max} value={value} placeholder={String(fallback)} disabled={disabled}
        check={(v) => ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max) ? 'out of range' : opts.step === undefined && !Number.isInteger(v) ? 'not a whole number' : null)}
        onCommit={(v) => setTraining(patch(v), `training.${id}`)} />
    </div>
  );
  return (
    <section className="sw-train-section" aria-label="training options">
      <h3>Options</h3>
      <div className="sw-option-grid">
        <div className="sw-field">
          <label htmlFor="train-optimizer">Optimizer</label>
          <select id="train-optimizer" value={optimizer} disabled={disabled}
            onChange={(e) => setTraining({ optimizer: { type: e.target.value as (typeof OPTIMIZERS)[number], learningRate: t.optimizer?.learningRate } }, 'training.optimizer')}>
            {OPTIMIZERS.map((o) => <option key={o}>{o}</option>)}
          </select>
        </div>
        {num('Learning rate', 'train-lr', t.optimizer?.learningRate, DEFAULT_LEARNING_RATES[optimizer], (v) => ({ optimizer: { type: optimizer, learningRate: v } }), { step: 'any', min: 1e-7, max: 10 })}
        {num('Batch size', 'train-batch', t.batchSize, DEFAULT_TRAIN_OPTIONS.batchSize, (v) => ({ batchSize: v }), { min: 1, max: 65536 })}
        {num('Epochs', 'train-epochs', t.epochs, DEFAULT_TRAIN_OPTIONS.epochs, (v) => ({ epochs: v }), { min: 1, max: 100000 })}
        {num('Validation split', 'train-val', t.validationSplit, DEFAULT_TRAIN_OPTIONS.validationSplit, (v) => ({ validationSplit: v }), { step: 0.05, min: 0, max: 0.95 })}
        {num('clipNorm', 'train-clip', t.clipNorm, DEFAULT_TRAIN_OPTIONS.clipNorm, (v) => ({ clipNorm: v }), { step: 'any', min: 0 })}
        {num('Seed', 'train-seed', t.seed, DEFAULT_TRAIN_OPTIONS.seed, (v) => ({ seed: v }))}
        <div className="sw-field">
          <label htmlFor="train-backend">Backend</label>
          <select id="train-backend" value={backend} disabled={disabled} onChange={(e) => onBackend(e.target.value as Backend)}>
            <option value="auto">fastest available</option>
            <option value="node">tfjs-node</option>
            <option value="wasm">WebAssembly</option>
            <option value="cpu">plain CPU</option>
          </select>
        </div>
      </div>
    </section>
  );
}
