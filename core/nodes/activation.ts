import * as tf from '@tensorflow/tfjs';
import { sameFloats } from './checks';
import { importActivation, kerasActivation, kerasName, oneInput } from './layer-class';
import { defineNode } from './spec';

export const ACTIVATION_FUNCTIONS = ['linear', 'relu', 'tanh', 'sigmoid', 'softmax', 'elu', 'selu', 'softplus', 'softsign', 'swish', 'hardSigmoid'] as const;

export const Activation = defineNode({
  type: 'Activation',
  category: 'Layers',
  role: 'layer',
  description: 'Applies a function to every value (softmax: over the last axis); the shape is unchanged.',
  params: {
    activation: { kind: 'choice', options: ACTIVATION_FUNCTIONS, initial: 'relu' },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: (p) => p.activation,
  infer: sameFloats,
  paramCount: () => 0,
  build: ({ params, inputs, layerName }) => ({
    out: tf.layers.activation({ activation: params.activation, name: layerName() }).apply(inputs.in[0]) as tf.SymbolicTensor,
  }),
  layerClasses: { Activation: { keras: ({ name, config: c }) => `layers.Activation(${kerasActivation(c.activation, name)}, ${kerasName(name)})`, step: 'per-step' } },
  importFrom: {
    // One right after a linear Dense is folded into it before this rule is asked (simplify-topology.ts).
    classes: ['Activation', 'Softmax'],
    read: ({ layer: { className, config: c }, isModelOutput }, problems) => {
      const act = className === 'Softmax' ? 'softmax' : importActivation(c.activation);
      if (className === 'Softmax' && c.axis !== undefined && c.axis !== -1) problems.push(`axis ${JSON.stringify(c.axis)}`);
      if (!(ACTIVATION_FUNCTIONS as readonly string[]).includes(act)) problems.push(`activation ${act}, which Seqwire does not have`);
      if (isModelOutput) problems.push(`a model output (Seqwire's Outputs are Dense heads: put the ${act} on the Dense before it)`);
      return oneInput('Activation', { activation: act });
    },
  },
});
