import type { CompiledModel } from '../../compile/types';
import type { Training } from '../../graph/schema';
import { resolveTrainOptions } from '../../train/options';
import type { Topology, TopoRef } from '../topology';
import { isRecurrent, KerasExportError, layerConstructor, outputCount, takesList } from './layer-code';
import { py, pyName, pyTuple } from './python';
import { PY_RUNTIME } from './runtime.py';

export interface KerasScriptOptions {
  /** The file names of the weights beside the script (`NAME.weights.json`, `NAME.weights.bin`). */
  weightsJson: string;
  weightsBin: string;
  /** The parameter count the Keras model must have: the tfjs model's. */
  params: number;
  training?: Training;
}

/**
 * A runnable tf.keras script for a compiled model: one line per layer, in the
 * model's own order and with its names, the model's inputs and outputs keyed
 * by node id, and the runtime (weights, losses, training) after it.
 */
export function kerasScript(compiled: CompiledModel, topology: Topology, options: KerasScriptOptions): string {
  const used = new Set<string>();
  const vars = new Map<string, string>();
  const key = (r: TopoRef) => `${r.layer}:${r.node}:${r.tensor}`;
  const ref = (r: TopoRef) => {
    const v = vars.get(key(r));
    if (!v) throw new KerasExportError(`layer "${r.layer}" output ${r.tensor} is used before it is made`);
    return v;
  };
  const body: string[] = [];
  const problems: string[] = [];
  for (const layer of topology.layers) {
    if (layer.calls.length > 1) problems.push(`layer "${layer.name}" is applied ${layer.calls.length} times`);
    try {
      if (layer.className === 'InputLayer') {
        const shape = (layer.config.batch_input_shape ?? layer.config.batch_shape) as unknown[];
        const v = pyName(layer.name, used);
        vars.set(key({ layer: layer.name, node: 0, tensor: 0 }), v);
        body.push(`${v} = keras.Input(shape=${pyTuple(shape.slice(1))}, dtype=${py(layer.config.dtype ?? 'float32')}, name=${py(layer.name)})`);
        continue;
      }
      const ctor = layerConstructor(layer);
      const [x, ...rest] = layer.calls[0] ?? [];
      if (!x) throw new KerasExportError(`layer "${layer.name}" has no input`);
      let call: string;
      if (takesList(layer)) call = `[${layer.calls[0].map(ref).join(', ')}]`;
      else if (isRecurrent(layer) && rest.length) call = `${ref(x)}, initial_state=[${rest.map(ref).join(', ')}]`;
      else call = ref(x);
      const count = outputCount(layer);
      const outs = Array.from({ length: count }, (_, i) => pyName(count === 1 ? layer.name : `${layer.name}_${['out', 'h', 'c'][i]}`, used));
      outs.forEach((v, i) => vars.set(key({ layer: layer.name, node: 0, tensor: i }), v));
      body.push(`${outs.join(', ')} = ${ctor}(${call})`);
    } catch (err) {
      if (err instanceof KerasExportError) problems.push(err.message);
      else throw err;
    }
  }
  if (problems.length) throw new KerasExportError(`the model cannot be written for Keras:\n${problems.join('\n')}`);
  const inputs = topology.inputs.map(ref);
  const outputs = topology.outputs.map(ref);
  // The defaults Seqwire trains with, from the one table (an sgd or adagrad run starts at 0.01, Keras's default, here too).
  const t = resolveTrainOptions(options.training);
  const training = {
    optimizer: t.optimizer.type,
    learning_rate: t.optimizer.learningRate,
    clipnorm: t.clipNorm,
    batch_size: t.batchSize,
    epochs: t.epochs,
    validation_split: t.validationSplit,
  };
  const heads = compiled.outputs.map((o) => ({ name: o.nodeId, head: o.head, mixtures: o.mixtures, shape: o.type.shape }));
  return [
    '#!/usr/bin/env python3',
    `"""${topology.name.replace(/"""|\\/g, '_')}: a Seqwire model in tf.keras.`,
    '',
    'Written by `seqwire export --keras`. It builds the same layers, with the same',
    'names and order, as the TensorFlow.js model Seqwire trained, and loads the',
    'trained weights from the two files beside it:',
    `  ${options.weightsJson}  names, shapes and dtypes of the weights, in order`,
    `  ${options.weightsBin}   their values, little-endian float32, one after another`,
    '',
    'usage:',
    '  python3 SCRIPT.py                    build, load the weights, print a summary',
    '  python3 SCRIPT.py --check-weights    read the weights with numpy alone (no TensorFlow)',
    '  python3 SCRIPT.py --train DATA.npz --epochs 5 [--distribute] [--save OUT.keras]',
    'DATA.npz holds one array per model input and per Output, named by node id.',
    '--distribute trains under tf.distribute.MirroredStrategy (every local GPU).',
    '"""',
    'import argparse',
    'import json',
    'import os',
    'import sys',
    '',
    'import numpy as np',
    '',
    'HERE = os.path.dirname(os.path.abspath(__file__))',
    `WEIGHTS_JSON = os.path.join(HERE, ${py(options.weightsJson)})`,
    `WEIGHTS_BIN = os.path.join(HERE, ${py(options.weightsBin)})`,
    `EXPECTED_PARAMS = ${options.params}`,
    '# Model inputs and Outputs by node id, in the order of the model.',
    `INPUTS = ${py(compiled.inputs.map((i) => i.nodeId))}`,
    `OUTPUTS = ${py(heads)}`,
    `TRAINING = ${py(training)}`,
    '',
    '',
    'def build_model():',
    '    import tensorflow as tf',
    '    from tensorflow import keras',
    '    from tensorflow.keras import layers',
    '',
    '    def tfjs_hard_sigmoid(x):',
    '        # The hard sigmoid of TensorFlow.js and Keras 2 (Keras 3 changed its own).',
    '        return tf.clip_by_value(0.2 * x + 0.5, 0.0, 1.0)',
    '',
    '    class SeqwireZerosLike(layers.Layer):',
    '        """Zeros shaped like the input: the missing one of an LSTM\'s two initial states."""',
    '',
    '        def call(self, x):',
    '            return tf.zeros_like(x)',
    '',
    ...body.map((line) => `    ${line}`),
    `    return keras.Model(inputs=[${inputs.join(', ')}], outputs=[${outputs.join(', ')}], name=${py(topology.name)})`,
    '',
    PY_RUNTIME.trimEnd(),
    '',
  ].join('\n');
}
