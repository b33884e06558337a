import { parseGraphText } from '../../core/graph/load';
import type { Graph } from '../../core/graph/schema';
import { DOCUMENT_LIMIT, FileReadError, readTextBounded } from '../data/bounded-read';
import { CliError } from './command';

/**
 * Reads and parses a project file. What cannot be read at all (missing, not
 * JSON, not a Seqwire graph, too deep, a device or FIFO) is a CliError with
 * exit code 2; a Seqwire graph that breaks the format in places, exit 1.
 */
export async function readGraphFile(path: string): Promise<{ graph: Graph; notes: string[] }> {
  let text: string;
  try {
    text = await readTextBounded(path, { limit: DOCUMENT_LIMIT, what: 'the graph' });
  } catch (err) {
    throw new CliError(err instanceof FileReadError ? err.message : `cannot read ${path}: ${(err as Error).message}`);
  }
  const result = parseGraphText(text);
  if (!result.ok) throw new CliError(`${result.readable ? 'invalid' : 'cannot read'} ${path}: ${result.error}`, result.readable ? 1 : 2);
  return { graph: result.graph, notes: result.notes };
}
