import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile/compile';
import { parseGraphText } from '../../graph/load';
import { exportKeras } from './export-keras';

/**
 * TensorFlow is not installed here, so the script runs against a stand-in
 * `tensorflow` package that records what it is asked to build: every layer
 * made (class, name, options), every call and what it was fed, and the
 * weights each layer is given. The script's own code (building, wiring,
 * loading weights, checking the parameter count) runs as written.
 */
const FAKE_TF = String.raw`
import json, sys
import numpy as np

LOG = {"layers": [], "calls": []}
WEIGHTED = {"Dense", "LSTM", "GRU", "SimpleRNN", "Bidirectional", "Embedding", "Conv2D"}

class Tensor:
    def __init__(self, label):
        self.label = label

class Init:
    """An initializer: recorded as its class and arguments."""
    def __init__(self, *args, **kwargs):
        self.args = list(args)
        self.kwargs = kwargs
    def describe(self):
        return {"class": type(self).__name__, **vars(self)}

class _Initializers:
    Initializer = Init
    def __getattr__(self, kind):
        return type(kind, (Init,), {})

class Layer:
    def __init__(self, *args, **kwargs):
        self.name = kwargs.get("name")
        self.kind = type(self).__name__
        self.values = []
        self.weights = [True] if self.kind in WEIGHTED else []
        LOG["layers"].append({"class": self.kind, "name": self.name, "args": [a if isinstance(a, (int, float, str, tuple)) else type(a).__name__ for a in args], "kwargs": {k: (v.describe() if isinstance(v, Init) else v) for k, v in kwargs.items() if isinstance(v, (int, float, str, bool, tuple, type(None), Init))}})

    def __call__(self, x, initial_state=None):
        fed = [t.label for t in x] if isinstance(x, list) else [x.label]
        states = [t.label for t in initial_state] if initial_state else []
        LOG["calls"].append({"name": self.name, "inputs": fed, "states": states})
        if hasattr(self, "call"):
            return Tensor(self.name)
        n = 1
        if LOG["layers"] and self.kind in ("LSTM", "GRU", "SimpleRNN"):
            entry = [l for l in LOG["layers"] if l["name"] == self.name][0]
            if entry["kwargs"].get("return_state"):
                n = 3 if self.kind == "LSTM" else 2
        outs = [Tensor("%s:%d" % (self.name, i)) for i in range(n)]
        return outs if n > 1 else Tensor(self.name)

    def set_weights(self, values):
        self.values = values

class _Layers:
    Layer = Layer
    def __getattr__(self, kind):
        return type(kind, (Layer,), {})

class Model:
    def __init__(self, inputs, outputs, name):
        # As in Keras, the model's layers are the ones called in it (a wrapped layer is not one of them).
        called = {c["name"] for c in LOG["calls"]}
        self.layers = [l for l in ALL if l.name in called]
        self.inputs = [t.label for t in inputs]
        self.outputs = [t.label for t in outputs]
    def count_params(self):
        return int(sum(v.size for l in self.layers for v in l.values))
    def summary(self):
        LOG["model"] = {"inputs": self.inputs, "outputs": self.outputs, "params": self.count_params()}
        print(json.dumps(LOG))

ALL = []
_orig_init = Layer.__init__
def _tracking_init(self, *args, **kwargs):
    _orig_init(self, *args, **kwargs)
    ALL.append(self)
Layer.__init__ = _tracking_init

class keras:
    layers = _Layers()
    initializers = _Initializers()
    Model = Model
    @staticmethod
    def Input(shape, dtype, name):
        LOG["layers"].append({"class": "Input", "name": name, "args": [list(shape)], "kwargs": {"dtype": dtype}})
        return Tensor(name)

class _Scope:
    def __enter__(self): return self
    def __exit__(self, *a): return False

class distribute:
    @staticmethod
    def get_strategy(): return type("S", (), {"scope": lambda self: _Scope()})()
`;

const TEMPLATES = join(__dirname, '../../../assets/templates');

describe('the exported Keras script, run against a stand-in TensorFlow', () => {
  // The glimpse reader has no Keras form; glimpse.test.ts checks that the export says so.
  for (const file of readdirSync(TEMPLATES).filter((f) => f.endsWith('.seqwire.json') && f !== 'glimpses.seqwire.json')) {
    it(`${file}: builds every layer in order, wires the same inputs, loads every layer's weights to the same count`, async () => {
      const loaded = parseGraphText(readFileSync(join(TEMPLATES, file), 'utf8'));
      if (!loaded.ok) throw new Error(loaded.error);
      const compiled = compileGraph(loaded.graph);
      const out = await exportKeras(compiled, 'model', loaded.graph.training);
      const dir = mkdtempSync(join(tmpdir(), 'seqwire-keras-run-'));
      mkdirSync(join(dir, 'tensorflow', 'keras'), { recursive: true });
      writeFileSync(join(dir, 'tensorflow', '__init__.py'), FAKE_TF);
      writeFileSync(join(dir, 'tensorflow', 'keras', '__init__.py'), 'from tensorflow import keras as _k\nlayers = _k.layers\n');
      writeFileSync(join(dir, 'model.py'), out.script);
      writeFileSync(join(dir, 'model.weights.json'), out.weightsJson);
      writeFileSync(join(dir, 'model.weights.bin'), out.weightsBin);
      const log = JSON.parse(execFileSync('python3', ['model.py'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTHONPATH: dir } }).trim().split('\n').at(-1)!);
      if (file === 'gradient-flow.seqwire.json') {
        // The init params reach the Keras layers: 0.8 × orthogonal for the SimpleRNN, a forget bias of 3 for the LSTM.
        const kw = (name: string) => (log.layers as { name: string; kwargs: Record<string, { class?: string; gain?: number; forget_bias?: number } | boolean> }[]).find((l) => l.name === name)!.kwargs;
        expect(kw('vanilla').recurrent_initializer).toMatchObject({ class: 'Orthogonal', kwargs: { gain: 0.8 } });
        expect(kw('lstm')).toMatchObject({ unit_forget_bias: false, bias_initializer: { class: 'SeqwireForgetBias', forget_bias: 3 } });
      }
      const made = (log.layers as { name: string }[]).map((l) => l.name).filter((n) => compiled.model.layers.some((m) => m.name === n));
      expect(made).toEqual(compiled.model.layers.map((l) => l.name));
      expect(log.model.params).toBe(compiled.model.countParams());
      // Each call reads the same layers as the tfjs model's (state inputs included).
      for (const call of log.calls as { name: string; inputs: string[]; states: string[] }[]) {
        const layer = compiled.model.getLayer(call.name);
        const fed = layer.inboundNodes[0].inboundLayers.map((l) => l.name);
        expect([...call.inputs, ...call.states].map((s) => s.split(':')[0])).toEqual(fed);
      }
    });
  }
});
