import type { Graph } from '../graph/schema';
import type { Diagnostic } from './codes';
import { clip, quote } from '../quote';
import { suggestion } from './suggest';

/** What the training check needs to know of a dataset: its name, kind and (for built-ins) its field names. */
export interface DatasetNames {
  kind: 'builtin' | 'format';
  name: string;
  fields: readonly { name: string }[];
}

/**
 * The `training` section checked against the datasets Seqwire has, without
 * reading any data: a built-in or format name it does not know, a binding to a
 * node the graph lacks, a binding to a field a built-in dataset does not make
 * (a file's fields depend on the file, so they are not checked here). Each
 * finding names the closest known name when one is near.
 */
export function checkTraining(graph: Graph, datasets: readonly DatasetNames[]): Diagnostic[] {
  const training = graph.training;
  if (!training) return [];
  const out: Diagnostic[] = [];
  const error = (code: Diagnostic['code'], nodeId: string, message: string) => out.push({ code, nodeId, message, severity: 'error' });
  const ref = training.dataset;
  let fields: string[] | null = null;
  if (ref && 'builtin' in ref && typeof ref.builtin === 'string') {
    const builtins = datasets.filter((d) => d.kind === 'builtin');
    const found = builtins.find((d) => d.name === ref.builtin);
    if (!found) error('unknown-dataset', '', `training.dataset: there is no built-in dataset ${quote(ref.builtin)}${suggestion(ref.builtin, builtins.map((d) => d.name))} (the built-ins are ${builtins.map((d) => d.name).join(', ')})`);
    else fields = found.fields.map((f) => f.name);
  } else if (ref && 'format' in ref && typeof ref.format === 'string') {
    const formats = datasets.filter((d) => d.kind === 'format');
    if (!formats.some((d) => d.name === ref.format)) error('unknown-dataset', '', `training.dataset: there is no file format ${quote(ref.format)}${suggestion(ref.format, formats.map((d) => d.name))} (the formats are ${formats.map((d) => d.name).join(', ')})`);
  }
  const ids = graph.nodes.map((n) => n.id);
  for (const [nodeId, field] of Object.entries(training.bindings ?? {})) {
    if (!ids.includes(nodeId)) {
      error('unknown-binding', '', `training.bindings: ${quote(nodeId)} is not a node of the graph${suggestion(nodeId, ids)}`);
      continue;
    }
    if (fields && typeof field === 'string' && !fields.includes(field)) {
      const name = ref && 'builtin' in ref ? String(ref.builtin) : '';
      error('unknown-field', nodeId, `training.bindings.${clip(nodeId)}: dataset ${quote(name)} has no field ${quote(field)}${suggestion(field, fields)} (its fields are ${fields.join(', ')})`);
    }
  }
  return out;
}
