/**
 * Datasets behind one interface. The trainer's path through it:
 *   const r = await loadDataset(graph.training.dataset, host);   // host: electron/data nodeDataHost(graphDir)
 *   if (!r.ok) show(r.issue.message);                             // file, line and what is wrong
 *   const { train, validation } = splitDataset(r.dataset, validationSplit, seed);
 *   for (const ids of batchesOf(epochOrder(train, seed, epoch), batchSize))
 *     tf.tidy(() => ... batchToTensors(r.dataset.batch(ids, boundFields)) ...);
 * `checkFieldFitsInput` and `checkVocabFits` turn a binding that cannot work into a message.
 */
export * from './types';
export * from './define';
export * from './options';
export * from '../random';
export * from './split';
export * from './vocab';
export * from './fit';
export * from './lines';
export * from './stroke5';
export * from './load';
export * from './catalogue';
export * from './tensors';
export { FILE_FORMATS } from './formats/index';
export { BUILTINS } from './builtins/index';
