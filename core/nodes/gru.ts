import { defineNode } from './spec';
import { recurrentKeras } from './recurrent-keras';
import { GATED_RECURRENT_PARAMS, recurrentParts } from './recurrent';

export const GRU = defineNode({
  type: 'GRU',
  category: 'Recurrent',
  role: 'recurrent',
  description: 'Gated recurrent unit: an update and a reset gate over one hidden state h.',
  keywords: ['gate', 'gated', 'update gate', 'reset gate', 'recurrent', 'memory', 'cho'],
  params: {
    ...GATED_RECURRENT_PARAMS,
    // Absent means false, the meaning of every GRU written before this param; new nodes get Keras 2+'s true.
    resetAfter: { kind: 'bool', default: false, initial: true, help: "apply the reset gate after the recurrent matmul, with two bias rows (Keras 2+'s default)" },
  },
  ...recurrentParts('GRU'),
  ...recurrentKeras('GRU'),
});
