import { defineNode } from './spec';
import { recurrentKeras } from './recurrent-keras';
import { RECURRENT_PARAMS, recurrentParts } from './recurrent';

export const SimpleRNN = defineNode({
  type: 'SimpleRNN',
  category: 'Recurrent',
  role: 'recurrent',
  description: 'The plain recurrent cell: h = activation(x·W + h·U + b).',
  keywords: ['elman', 'vanilla rnn', 'recurrent', 'hidden state', 'memory'],
  params: RECURRENT_PARAMS,
  ...recurrentParts('SimpleRNN'),
  ...recurrentKeras('SimpleRNN'),
});
