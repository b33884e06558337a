import { defineNode } from './spec';
import { recurrentKeras } from './recurrent-keras';
import { GATED_RECURRENT_PARAMS, recurrentParts } from './recurrent';

export const LSTM = defineNode({
  type: 'LSTM',
  category: 'Recurrent',
  role: 'recurrent',
  description: 'Long short-term memory: a gated cell with a hidden state h and a cell state c.',
  keywords: ['gate', 'gated', 'forget gate', 'input gate', 'output gate', 'cell state', 'memory', 'hochreiter'],
  params: GATED_RECURRENT_PARAMS,
  ...recurrentParts('LSTM'),
  ...recurrentKeras('LSTM'),
});
