import { readFile } from 'node:fs/promises';
import { parseGraphText } from '../../core/graph/load';
import type { Graph } from '../../core/graph/schema';
import { CliError } from './command';

/** Reads and parses a project file; any problem is a CliError with exit code 2. */
export async function readGraphFile(path: string): Promise<{ graph: Graph; notes: string[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new CliError(`cannot read ${path}: ${why}`);
  }
  const result = parseGraphText(text);
  if (!result.ok) throw new CliError(`cannot read ${path}: ${result.error}`);
  return { graph: result.graph, notes: result.notes };
}
