import { type z } from 'zod';
import { GRAPH_FORMAT, GRAPH_VERSION, zGraph, type Graph } from './schema';
import { migrations } from './migrate';
import { unsafeJson } from '../json-depth';
import { graphTooLarge } from './limits';
import { clip, excerpt, quote } from '../quote';

/** What loading a document gave: the graph and what was repaired, or why it could not be read. */
export type LoadResult =
  | { ok: true; graph: Graph; notes: string[] }
  | {
      ok: false;
      error: string;
      /**
       * True when the file is a Seqwire graph of a known version that breaks the format
       * in places (a wrong field, a duplicated id): readable, so the command line answers
       * it like other graph errors (exit 1), not like a file it cannot read (exit 2).
       */
      readable?: boolean;
    };

/** Parses the text of a `.seqwire.json` file. Never throws. */
export function parseGraphText(text: string): LoadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `not valid JSON: ${clip((err as Error).message, 200)}` };
  }
  return loadGraph(data);
}

/** `unknown -> check -> migrate -> graph`. Never throws. */
export function loadGraph(data: unknown): LoadResult {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, error: 'not a Seqwire graph: the file must hold a JSON object' };
  }
  const unsafe = unsafeJson(data);
  if (unsafe !== null) return { ok: false, error: `the document ${unsafe}` };
  const big = graphTooLarge(data);
  if (big !== null) return { ok: false, error: big };
  const doc = data as Record<string, unknown>;
  if (doc.format !== GRAPH_FORMAT) {
    const found = doc.format === undefined ? 'no "format" field' : `"format": ${excerpt(doc.format)}`;
    return { ok: false, error: `not a Seqwire graph: expected "format": "${GRAPH_FORMAT}", found ${found}` };
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: false, error: `"version" must be an integer, found ${excerpt(version)}` };
  }
  if (version > GRAPH_VERSION) {
    return {
      ok: false,
      error: `this file was written by a newer Seqwire (format version ${version}); this build reads versions up to ${GRAPH_VERSION}. Update Seqwire to open it.`,
    };
  }
  const notes: string[] = [];
  let current: Record<string, unknown> = doc;
  for (let v = version; v < GRAPH_VERSION; v++) {
    const step = migrations[v];
    if (!step) return { ok: false, error: `format version ${version} is not known to this build` };
    current = step(current, notes);
  }
  const parsed = zGraph.safeParse(current);
  if (!parsed.success) return { ok: false, error: describeSchemaError(parsed.error, current), readable: true };
  const ids = new Set<string>();
  for (const node of parsed.data.nodes) {
    if (ids.has(node.id)) return { ok: false, error: `nodes: the id ${quote(node.id)} is used by more than one node`, readable: true };
    ids.add(node.id);
  }
  return { ok: true, graph: parsed.data, notes };
}

/** Writes a graph as the text of a `.seqwire.json` file. */
export function saveGraph(graph: Graph): string {
  return JSON.stringify(graph, null, 2) + '\n';
}

/** Names the place in the file (`nodes[2] ("rnn").params`) and what is wrong there. */
function describeSchemaError(error: z.ZodError, doc: Record<string, unknown>): string {
  const lines = error.issues.slice(0, 5).map((issue) => `${describePath(issue.path, doc)}: ${issue.message}`);
  const more = error.issues.length > 5 ? `\n(and ${error.issues.length - 5} more)` : '';
  return `the file does not match the Seqwire graph format:\n${lines.join('\n')}${more}`;
}

function describePath(path: PropertyKey[], doc: Record<string, unknown>): string {
  let out = '';
  let cursor: unknown = doc;
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : out ? `.${clip(String(key), 40)}` : clip(String(key), 40);
    cursor = cursor && typeof cursor === 'object' ? (cursor as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number' && cursor && typeof cursor === 'object' && 'id' in cursor) {
      out += ` (${excerpt((cursor as { id: unknown }).id, 40)})`;
    }
  }
  return out || '(document)';
}
