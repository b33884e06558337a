import { defineNode } from './spec';
import { recurrentKeras } from './recurrent-keras';
import { GATED_RECURRENT_PARAMS, recurrentParts } from './recurrent';

export const GRU = defineNode({
  type: 'GRU',
  category: 'Recurrent',
  role: 'recurrent',
  description: 'Gated recurrent unit: an update and a reset gate over one hidden state h.',
  keywords: ['gate', 'gated', 'update gate', 'reset gate', 'recurrent', 'memory', 'cho'],
  params: GATED_RECURRENT_PARAMS,
  ...recurrentParts('GRU'),
  ...recurrentKeras('GRU'),
});
