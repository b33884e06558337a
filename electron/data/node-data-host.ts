import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import type { DataHost } from '../../core/data/define';
import { readTextFile } from './read-text-file';

// The bundled main process is CommonJS (no import.meta there); tests and tsx run it as ESM.
const require = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);

/**
 * The data host on Node and in Electron's main process: data files stream
 * from disk, relative paths are relative to the graph file's folder, and
 * package JSON is read and parsed directly.
 */
export function nodeDataHost(baseDir: string): DataHost {
  return {
    openText: (path) => readTextFile(isAbsolute(path) ? path : resolve(baseDir, path)),
    importJson: async (specifier) => JSON.parse(await readFile(require.resolve(specifier), 'utf8')) as unknown,
  };
}
