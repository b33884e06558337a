import { defineNode } from './spec';
import { LSTM_PARAMS, recurrentParts } from './recurrent';

export const LSTM = defineNode({
  type: 'LSTM',
  category: 'Recurrent',
  description: 'Long short-term memory: a gated cell with a hidden state h and a cell state c.',
  params: LSTM_PARAMS,
  ...recurrentParts('LSTM'),
});
