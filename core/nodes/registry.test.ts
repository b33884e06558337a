import { describe, expect, it } from 'vitest';
import { initialParams, resolveParams, type ParamDefs } from './params';
import { getLayerClass, getNodeSpec, hasRole, importRulesFor, NODE_SPECS } from './registry';
import { NODE_ROLES } from './spec';

/** Every node type of shared/graph-format.md, version 1 (with the types added since). */
const FORMAT_TYPES = [
  'SequenceInput', 'TokenInput', 'VectorInput', 'ImageInput',
  'SimpleRNN', 'LSTM', 'GRU', 'Stack', 'Glimpse',
  'Embedding', 'Dense', 'Dropout', 'RepeatVector', 'Concatenate', 'Add', 'Attention', 'Conv2D', 'MaxPool2D', 'Flatten',
  'Conv1D', 'MaxPool1D', 'GlobalPool1D', 'Masking', 'BatchNorm', 'Activation', 'Reshape',
  'Output', 'ModelOutput',
];

describe('the node registry', () => {
  it('holds every node type of the format, once', () => {
    expect(NODE_SPECS.map((s) => s.type).sort()).toEqual([...FORMAT_TYPES].sort());
  });

  it.each(FORMAT_TYPES)('%s drops from the palette with params that validate, and has a description', (type) => {
    const spec = getNodeSpec(type)!;
    const { issues } = resolveParams(spec.params, initialParams(spec.params));
    expect(issues).toEqual([]);
    expect(spec.description.length).toBeGreaterThan(10);
  });

  it('gives every int and float param a range', () => {
    for (const spec of NODE_SPECS) {
      for (const [name, def] of Object.entries(spec.params as ParamDefs)) {
        if (def.kind === 'int' || def.kind === 'float') expect({ type: spec.type, name, min: def.min !== undefined, max: def.max !== undefined }).toEqual({ type: spec.type, name, min: true, max: true });
      }
    }
  });

  it('has the defaults the format states', () => {
    const defaults = (type: string) => resolveParams(getNodeSpec(type)!.params, initialParams(getNodeSpec(type)!.params)).values;
    expect(defaults('LSTM')).toMatchObject({ activation: 'tanh', returnSequences: false, dropout: 0, recurrentDropout: 0, goBackwards: false, bidirectional: null, recurrentActivation: 'sigmoid' });
    expect(defaults('SimpleRNN')).not.toHaveProperty('recurrentActivation');
    expect(defaults('Stack')).toMatchObject({ cell: 'LSTM', layers: 2, returnSequences: false, dropout: 0 });
    expect(defaults('Dense')).toMatchObject({ activation: 'linear' });
    expect(defaults('Embedding')).toMatchObject({ maskZero: false });
    expect(defaults('Conv2D')).toMatchObject({ strides: 1, padding: 'same', activation: 'relu' });
    expect(defaults('MaxPool2D')).toMatchObject({ poolSize: 2 });
    expect(defaults('Conv1D')).toMatchObject({ strides: 1, padding: 'same', dilationRate: 1, activation: 'relu' });
    expect(defaults('MaxPool1D')).toMatchObject({ poolSize: 2, padding: 'valid' });
    expect(defaults('GlobalPool1D')).toMatchObject({ mode: 'max' });
    expect(defaults('Masking')).toMatchObject({ maskValue: 0 });
    expect(defaults('BatchNorm')).toMatchObject({ momentum: 0.99, epsilon: 0.001, center: true, scale: true });
    expect(defaults('GRU')).toMatchObject({ resetAfter: true });
    expect(defaults('Output')).toMatchObject({ head: 'softmax', mixtures: 20 });
    expect(defaults('SequenceInput')).toMatchObject({ feedback: null });
    expect(defaults('TokenInput')).toMatchObject({ feedback: null });
  });
});

describe('what a node type says about itself', () => {
  it('gives every node type a role, with exactly the Inputs as inputs and the Output as the head', () => {
    for (const spec of NODE_SPECS) expect(NODE_ROLES).toContain(spec.role);
    expect(NODE_SPECS.filter((s) => s.role === 'input').map((s) => s.type)).toEqual(NODE_SPECS.filter((s) => s.category === 'Inputs').map((s) => s.type));
    expect(NODE_SPECS.filter((s) => s.role === 'head').map((s) => s.type)).toEqual(['Output']);
    expect(hasRole('LSTM', 'recurrent')).toBe(true);
    expect(hasRole('NoSuchType', 'input')).toBe(false);
  });

  it('knows the recurrent layer classes from the cells that build them', () => {
    expect(['LSTM', 'GRU', 'SeqwireGRU', 'SimpleRNN'].map((c) => getLayerClass(c)?.recurrent)).toEqual(['cell', 'cell', 'cell', 'cell']);
    expect(getLayerClass('Bidirectional')?.recurrent).toBe('wrapper');
    expect(getLayerClass('Dense')?.recurrent).toBeUndefined();
    expect(getLayerClass('Conv1D')?.recurrent).toBeUndefined();
    expect(getLayerClass('LayerNormalization')).toBeUndefined();
  });

  it('asks the Dense rule for a hidden layer and the Output rule for a model output', () => {
    const layer = { name: 'd', className: 'Dense', config: { units: 3, activation: 'softmax' }, calls: [] };
    const read = (isModelOutput: boolean) =>
      importRulesFor('Dense').map((r) => r.read({ layer, isModelOutput, calls: [], layerClass: () => undefined, readers: [] }, [])?.type ?? null);
    expect(read(false)).toEqual(['Dense', null]);
    expect(read(true)).toEqual([null, 'Output']);
  });
});
