import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile/compile';
import { makeGraph } from '../../compile/fixture';
import { parseGraphText } from '../../graph/load';
import { exportKeras } from './export-keras';

const TEMPLATES = join(__dirname, '../../../assets/templates');
// The glimpse reader has no Keras form; its own test checks that the export says so.
const templates = readdirSync(TEMPLATES).filter((f) => f.endsWith('.seqwire.json') && f !== 'glimpses.seqwire.json');

function python(args: string[], cwd: string): string {
  return execFileSync('python3', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('Keras export', () => {
  for (const file of templates) {
    it(`${file}: a script that compiles, with every layer in order and weights numpy reads to the same parameter count`, async () => {
      const loaded = parseGraphText(readFileSync(join(TEMPLATES, file), 'utf8'));
      if (!loaded.ok) throw new Error(loaded.error);
      const compiled = compileGraph(loaded.graph);
      const out = await exportKeras(compiled, 'model', loaded.graph.training);
      const dir = mkdtempSync(join(tmpdir(), 'seqwire-keras-'));
      writeFileSync(join(dir, 'model.py'), out.script);
      writeFileSync(join(dir, 'model.weights.json'), out.weightsJson);
      writeFileSync(join(dir, 'model.weights.bin'), out.weightsBin);
      python(['-m', 'py_compile', 'model.py'], dir);
      // Layers appear with their tfjs names, in the tfjs model's order.
      const names = compiled.model.layers.map((l) => l.name);
      const positions = names.map((n) => out.script.indexOf(`name="${n}"`));
      expect(positions.every((p) => p > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      const report = JSON.parse(python(['model.py', '--check-weights'], dir));
      expect(report.total).toBe(compiled.model.countParams());
      for (const layer of compiled.model.layers) if (layer.countParams()) expect(report.layers[layer.name]).toBe(layer.countParams());
    });
  }

  it('writes GRUs with reset_after=False and a hard sigmoid that is tfjs\'s own', async () => {
    const compiled = compileGraph(
      makeGraph(
        { x: ['SequenceInput', { timesteps: 4, features: 2 }], gru: ['GRU', { units: 3, recurrentActivation: 'hardSigmoid' }], y: ['Output', { head: 'linear', units: 1 }] },
        ['x.out -> gru.in', 'gru.out -> y.in'],
      ),
    );
    const { script } = await exportKeras(compiled, 'm');
    expect(script).toMatch(/layers\.GRU\(3, .*recurrent_activation=tfjs_hard_sigmoid.*reset_after=False, name="gru"\)/);
  });

  it('writes a resetAfter GRU (Seqwire\'s own layer in tfjs) as Keras\'s GRU with reset_after=True, its two bias rows as they are', async () => {
    const compiled = compileGraph(
      makeGraph(
        { x: ['SequenceInput', { timesteps: 4, features: 2 }], gru: ['GRU', { units: 3, resetAfter: true, bidirectional: 'sum' }], y: ['Output', { head: 'linear', units: 1 }] },
        ['x.out -> gru.in', 'gru.out -> y.in'],
      ),
    );
    const out = await exportKeras(compiled, 'model');
    expect(out.script).toMatch(/layers\.Bidirectional\(layers\.GRU\(3, .*reset_after=True, name="gru_cell"\)/);
    const dir = mkdtempSync(join(tmpdir(), 'seqwire-keras-'));
    writeFileSync(join(dir, 'model.py'), out.script);
    writeFileSync(join(dir, 'model.weights.json'), out.weightsJson);
    writeFileSync(join(dir, 'model.weights.bin'), out.weightsBin);
    const report = JSON.parse(python(['model.py', '--check-weights'], dir));
    expect(report.total).toBe(2 * 3 * (3 * (2 + 3) + 2 * 3) + 4);
  });

  it('writes the 1-D layers, masking and batch normalisation as Keras layers whose weights numpy reads to the same count', async () => {
    const compiled = compileGraph(
      makeGraph(
        {
          x: ['SequenceInput', { timesteps: 12, features: 2 }],
          mask: ['Masking', {}],
          conv: ['Conv1D', { filters: 4, kernelSize: 3 }],
          norm: ['BatchNorm', {}],
          pool: ['MaxPool1D', {}],
          global: ['GlobalPool1D', { mode: 'average' }],
          act: ['Activation', { activation: 'tanh' }],
          y: ['Output', { head: 'linear', units: 1 }],
        },
        ['x.out -> mask.in', 'mask.out -> conv.in', 'conv.out -> norm.in', 'norm.out -> pool.in', 'pool.out -> global.in', 'global.out -> act.in', 'act.out -> y.in'],
      ),
    );
    const out = await exportKeras(compiled, 'model');
    expect(out.script).toContain('layers.Conv1D(4, (3,), strides=(1,), padding="same", dilation_rate=(1,), activation="relu"');
    for (const cls of ['Masking(mask_value=0', 'BatchNormalization(axis=-1, momentum=0.99', 'MaxPooling1D(pool_size=(2,)', 'GlobalAveragePooling1D(', 'Activation("tanh"']) expect(out.script).toContain(`layers.${cls}`);
    const dir = mkdtempSync(join(tmpdir(), 'seqwire-keras-'));
    writeFileSync(join(dir, 'model.py'), out.script);
    writeFileSync(join(dir, 'model.weights.json'), out.weightsJson);
    writeFileSync(join(dir, 'model.weights.bin'), out.weightsBin);
    const report = JSON.parse(python(['model.py', '--check-weights'], dir));
    expect(report.total).toBe(compiled.model.countParams());
  });

  it('passes the encoder state to the decoder as initial_state', async () => {
    const loaded = parseGraphText(readFileSync(join(TEMPLATES, 'seq2seq.seqwire.json'), 'utf8'));
    if (!loaded.ok) throw new Error(loaded.error);
    const { script } = await exportKeras(compileGraph(loaded.graph), 'm');
    expect(script).toMatch(/encoder_out, encoder_h, encoder_c = layers\.LSTM\(.*return_state=True.*\)\(questionEmbed\)/);
    expect(script).toMatch(/= layers\.LSTM\(.*name="decoder"\)\(answerEmbed, initial_state=\[encoder_h, encoder_c\]\)/);
  });

  it('writes the training defaults Seqwire trains with: an sgd run without a learning rate starts at 0.01', async () => {
    const compiled = compileGraph(makeGraph({ x: ['VectorInput', { size: 2 }], y: ['Output', { head: 'linear', units: 1 }] }, ['x.out -> y.in']));
    const { script } = await exportKeras(compiled, 'm', { optimizer: { type: 'sgd' } });
    expect(script).toContain('TRAINING = {"optimizer": "sgd", "learning_rate": 0.01, "clipnorm": 0, "batch_size": 32, "epochs": 10, "validation_split": 0}');
  });
});
