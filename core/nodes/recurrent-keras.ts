import { py } from '../export/keras/python';
import { importedInitParams, kerasInitArgs } from './initializers-keras';
import { importActivation, KerasExportError, kerasActivation, kerasName, oneInput, type ImportRule, type LayerClass } from './layer-class';
import type { TopoLayer } from '../export/topology';
import { RECURRENT_CELLS, recurrentParts, type RecurrentCell } from './recurrent';

/**
 * The Keras side of SimpleRNN, LSTM and GRU (see layer-class.ts): the layer
 * classes they build, written for Keras, and how a recurrent layer of a model
 * file becomes one of them. Each cell's module spreads `recurrentKeras(cell)`.
 */

type Config = Record<string, unknown>;
type Wrapped = { class_name: string; config: Config } | undefined;

const isCell = (name: unknown): name is RecurrentCell => (RECURRENT_CELLS as readonly unknown[]).includes(name);

/** Seqwire's own layer class of a reset-after GRU (reset-after-gru.ts), which Keras writes as its GRU. */
const RESET_AFTER_GRU = 'SeqwireGRU';

function kerasRecurrent(tfjsClass: string, c: Config, name: string): string {
  const cell = tfjsClass === RESET_AFTER_GRU ? 'GRU' : tfjsClass;
  const args = [
    py(c.units),
    `activation=${kerasActivation(c.activation, name)}`,
    ...(cell !== 'SimpleRNN' ? [`recurrent_activation=${kerasActivation(c.recurrent_activation, name)}`] : []),
    `use_bias=${py(c.use_bias ?? true)}`,
    `return_sequences=${py(!!c.return_sequences)}`,
    `return_state=${py(!!c.return_state)}`,
    `go_backwards=${py(!!c.go_backwards)}`,
    `dropout=${py(c.dropout ?? 0)}`,
    `recurrent_dropout=${py(c.recurrent_dropout ?? 0)}`,
    ...kerasInitArgs(cell, c, name),
    // tfjs GRUs are Keras's GRU with reset_after=False (one bias per gate); Seqwire's own GRU layer is reset_after=True.
    ...(cell === 'GRU' ? [`reset_after=${tfjsClass === RESET_AFTER_GRU ? 'True' : 'False'}`] : []),
    `name=${py(name)}`,
  ];
  return `layers.${cell}(${args.join(', ')})`;
}

/** A bidirectional recurrent node's wrapper layer; every cell builds it, so the three share this one object. */
const BIDIRECTIONAL: LayerClass = {
  keras: ({ name, config: c }) => {
    const inner = c.layer as Wrapped;
    if (!inner || !(isCell(inner.class_name) || inner.class_name === RESET_AFTER_GRU)) throw new KerasExportError(`layer "${name}": a Bidirectional wrapper around ${inner?.class_name ?? 'nothing'}`);
    return `layers.Bidirectional(${kerasRecurrent(inner.class_name, inner.config, String(inner.config.name))}, merge_mode=${py(c.merge_mode ?? 'concat')}, ${kerasName(name)})`;
  },
  recurrent: 'wrapper',
};

/** The zeros an LSTM starts its missing initial state from (custom-layers.ts). */
const ZEROS_LIKE: LayerClass = { keras: ({ name }) => `SeqwireZerosLike(${kerasName(name)})`, step: 'per-step' };

function cellLayer(cell: RecurrentCell): LayerClass {
  return {
    keras: ({ name, config }) => kerasRecurrent(cell, config, name),
    outputs: ({ config }) => (config.return_state ? (cell === 'LSTM' ? 3 : 2) : 1),
    recurrent: 'cell',
  };
}

function importParams(cell: RecurrentCell, c: Config, problems: string[]): Record<string, unknown> {
  if (c.use_bias === false) problems.push('use_bias=False (Seqwire recurrent layers have biases)');
  if (c.stateful) problems.push('stateful=True');
  const params: Record<string, unknown> = {
    units: c.units,
    activation: importActivation(c.activation),
    returnSequences: !!c.return_sequences,
    dropout: c.dropout ?? 0,
    recurrentDropout: c.recurrent_dropout ?? 0,
    goBackwards: !!c.go_backwards,
  };
  if (cell !== 'SimpleRNN') params.recurrentActivation = importActivation(c.recurrent_activation ?? 'sigmoid');
  // Keras before 2.1.3 had no reset_after (it meant false); later files always say.
  if (cell === 'GRU') params.resetAfter = c.reset_after === true;
  return { ...params, ...importedInitParams(cell, c) };
}

function importRule(cell: RecurrentCell): ImportRule {
  const ports = recurrentParts(cell).inputs().map((p) => p.name);
  return {
    // Seqwire's own reset-after GRU (a tfjs file Seqwire exported) is a GRU.
    classes: [cell, 'Bidirectional', ...(cell === 'GRU' ? [RESET_AFTER_GRU] : [])],
    read: ({ layer, calls, layerClass }, problems) => {
      if (layer.className === 'Bidirectional') {
        const wrapped = layer.config.layer as Wrapped;
        const inner = wrapped?.class_name === RESET_AFTER_GRU ? { ...wrapped, class_name: 'GRU' } : wrapped;
        if (inner && isCell(inner.class_name) && inner.class_name !== cell) return null;
        // A wrapper around no cell at all is reported once, by the LSTM's rule.
        if (!inner || !isCell(inner.class_name)) {
          if (cell !== 'LSTM') return null;
          problems.push(`Bidirectional around ${inner?.class_name ?? 'nothing'}`);
          return oneInput('LSTM');
        }
        if (calls.length > 1) problems.push('initial states on a bidirectional layer');
        return oneInput(cell, { ...importParams(cell, inner.config, problems), bidirectional: layer.config.merge_mode ?? 'concat' });
      }
      // Inputs: the sequence, then the initial states; a zeros state is Seqwire's default, so it is dropped.
      const node = { type: cell, params: importParams(cell, layer.config, problems), ports: calls.map((ref, i) => (layerClass(ref.layer) === 'SeqwireZerosLike' ? null : (ports[i] ?? 'extra'))) };
      if (node.ports.includes('extra')) problems.push('more initial states than the cell has');
      return node;
    },
  };
}

/** The `layerClasses` and `importFrom` of a recurrent cell's spec. */
export function recurrentKeras(cell: RecurrentCell): { layerClasses: Record<string, LayerClass>; importFrom: ImportRule } {
  return {
    layerClasses: {
      [cell]: cellLayer(cell),
      Bidirectional: BIDIRECTIONAL,
      ...(cell === 'LSTM' ? { SeqwireZerosLike: ZEROS_LIKE } : {}),
      ...(cell === 'GRU' ? { [RESET_AFTER_GRU]: { ...cellLayer(cell), keras: ({ name, config }: TopoLayer) => kerasRecurrent(RESET_AFTER_GRU, config, name) } } : {}),
    },
    importFrom: importRule(cell),
  };
}
