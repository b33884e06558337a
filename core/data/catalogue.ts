import { BUILTINS } from './builtins/index';
import type { FieldDoc } from './define';
import { FILE_FORMATS } from './formats/index';
import { describeOption, type OptionDef } from './options';
import type { Dim } from '../shapes/tensor-type';

/** One option as the catalogue shows it. */
export interface OptionDoc {
  name: string;
  kind: OptionDef['kind'];
  /** Absent when the option is required. */
  default?: unknown;
  choices?: readonly string[];
  min?: number;
  max?: number;
  help: string;
}

/** A field as the catalogue lists it: its documented shape, and the same as dims (`null` where an option decides the size). */
export interface FieldShapeDoc extends FieldDoc {
  dims: Dim[];
}

/** One dataset or file format, as `seqwire datasets` lists it and the `listDatasets` request gives it (its schema is checked against this type). */
export interface DatasetDoc {
  kind: 'builtin' | 'format';
  /** The `builtin` name or the `format` name. */
  name: string;
  description: string;
  options: OptionDoc[];
  fields: FieldShapeDoc[];
  ids?: string;
}

/** `[maxLength, 5]` -> [null, 5]: a dim named after an option is known only when the data is made. */
export function fieldDims(shape: string): Dim[] {
  const inner = shape.trim().replace(/^\[|\]$/g, '').trim();
  if (inner === '') return [];
  return inner.split(',').map((d) => (/^\d+$/.test(d.trim()) ? Number(d.trim()) : null));
}

const withDims = (fields: FieldDoc[]): FieldShapeDoc[] => fields.map((f) => ({ ...f, dims: fieldDims(f.shape) }));

function optionDocs(defs: Record<string, OptionDef>): OptionDoc[] {
  return Object.entries(defs).map(([name, def]) => ({
    name,
    kind: def.kind,
    ...(def.default !== undefined ? { default: def.default } : {}),
    ...(def.kind === 'choice' ? { choices: def.options } : {}),
    ...('min' in def && def.min !== undefined ? { min: def.min } : {}),
    ...('max' in def && def.max !== undefined ? { max: def.max } : {}),
    help: def.help,
  }));
}

/** Every built-in dataset and file format: options with defaults, fields with shapes and dtypes. */
export function describeDatasets(): DatasetDoc[] {
  return [
    ...BUILTINS.map((b): DatasetDoc => ({ kind: 'builtin', name: b.name, description: b.description, options: optionDocs(b.options), fields: withDims(b.fields), ...(b.ids ? { ids: b.ids } : {}) })),
    ...FILE_FORMATS.map((f): DatasetDoc => ({ kind: 'format', name: f.format, description: f.description, options: optionDocs(f.options), fields: withDims(f.fields), ...(f.ids ? { ids: f.ids } : {}) })),
  ];
}

/** The catalogue as plain text, for a terminal. */
export function formatCatalogue(docs: DatasetDoc[] = describeDatasets()): string {
  const out: string[] = [];
  for (const kind of ['builtin', 'format'] as const) {
    out.push(kind === 'builtin' ? 'Built-in datasets ("dataset": { "builtin": NAME, "options": {...} })' : 'File formats ("dataset": { "file": PATH, "format": NAME, "options": {...} })');
    for (const d of docs.filter((x) => x.kind === kind)) {
      out.push('', `  ${d.name}: ${d.description}`);
      out.push('    options:');
      if (!d.options.length) out.push('      (none)');
      for (const o of d.options) out.push(`      ${describeOption(o.name, docToDef(o))}`);
      out.push('    fields:');
      for (const f of d.fields) out.push(`      ${f.name} ${f.shape} ${f.dtype === 'int32' ? 'int' : 'float'}: ${f.description}`);
      if (d.ids) out.push(`    ids: ${d.ids}`);
    }
    out.push('');
  }
  return out.join('\n');
}

function docToDef(o: OptionDoc): OptionDef {
  return (o.kind === 'choice' ? { kind: o.kind, help: o.help, options: o.choices ?? [], default: o.default } : { kind: o.kind, help: o.help, default: o.default }) as OptionDef;
}
