import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../core/api/errors';
import { PROJECT_EXTENSION } from '../../core/api/schemas';
import { readProject } from './files';

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  nodeCount: number;
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The example graphs shipped in `assets/templates`; read-only, never written. */
export async function listTemplates(dir: string): Promise<TemplateSummary[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const out: TemplateSummary[] = [];
  for (const file of names.sort()) {
    if (!file.endsWith(PROJECT_EXTENSION)) continue;
    const id = file.slice(0, -PROJECT_EXTENSION.length);
    if (!ID.test(id)) continue;
    try {
      const { graph } = await readProject(join(dir, file));
      const description = typeof graph.description === 'string' ? graph.description : '';
      out.push({ id, name: graph.name ?? id, description, nodeCount: graph.nodes.length });
    } catch {
      // A broken template is a bug of the build; listing the others is more useful than failing.
    }
  }
  return out;
}

export async function readTemplate(dir: string, id: string) {
  if (!ID.test(id)) throw new ApiError('not-found', `no template "${id}"`);
  try {
    return await readProject(join(dir, `${id}${PROJECT_EXTENSION}`));
  } catch (err) {
    if (err instanceof ApiError && err.code === 'not-found') throw new ApiError('not-found', `no template "${id}"`);
    throw err;
  }
}
