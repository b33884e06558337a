import { parseGraphText } from '../../core/graph/load';
import type { Graph } from '../../core/graph/schema';
import { DOCUMENT_LIMIT, FileReadError, readTextBounded } from '../data/bounded-read';
import { CliError } from './command';

/**
 * Reads and parses a project file; any problem is a CliError with exit code 2
 * (the file cannot be read at all). A device or FIFO is refused, not read.
 */
export async function readGraphFile(path: string): Promise<{ graph: Graph; notes: string[] }> {
  let text: string;
  try {
    text = await readTextBounded(path, { limit: DOCUMENT_LIMIT, what: 'the graph' });
  } catch (err) {
    throw new CliError(err instanceof FileReadError ? err.message : `cannot read ${path}: ${(err as Error).message}`);
  }
  const result = parseGraphText(text);
  if (!result.ok) throw new CliError(`cannot read ${path}: ${result.error}`);
  return { graph: result.graph, notes: result.notes };
}
