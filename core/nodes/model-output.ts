import { defineNode } from './spec';

/**
 * What a model gives that is not a head: an encoder's final states, say. It
 * has no loss, so nothing is trained towards it, and compiling leaves it out;
 * imported models whose outputs are not Dense heads get one per such output,
 * which is what `joinModels` connects to the model that reads them.
 */
export const ModelOutput = defineNode({
  type: 'ModelOutput',
  category: 'Decoders',
  role: 'marker',
  description: 'Marks a value the model gives without a loss (an encoder’s states); join it to the model that reads it.',
  params: {},
  inputs: () => [{ name: 'in' }],
  outputs: () => [],
  summary: () => 'no loss',
  infer: () => ({ ok: true, outputs: {} }),
  paramCount: () => 0,
  build: () => ({}),
});
