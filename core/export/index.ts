/**
 * Models leaving and entering Seqwire: the TensorFlow.js layers format written
 * in memory (`modelToFiles`) and read back (`modelFromFiles`, or exactly from
 * the graph with `loadRun`), a tf.keras script (`exportKeras`), and import of
 * Keras or tfjs `model.json` topologies into a graph (`importModel`).
 */
export * from './tfjs-files';
export * from './topology';
export * from './import-graph';
export * from './keras/export-keras';
export { KerasExportError } from './keras/layer-code';
