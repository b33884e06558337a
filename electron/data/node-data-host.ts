import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import type { DataHost } from '../../core/data/define';
import { readTextFile } from './read-text-file';

// The bundled main process is CommonJS (no import.meta there); tests and tsx run it as ESM.
const require = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);

export interface DataHostOptions {
  /**
   * Checks a data file before it is read and gives the path to read (the
   * host's confinement: a file outside the project is refused). Without it
   * any path is read, as the command line does for the user's own files.
   */
  confine?: (abs: string) => Promise<string>;
}

/**
 * The data host on Node and in Electron's main process: data files stream
 * from disk, relative paths are relative to the graph file's folder, and
 * package JSON is read and parsed directly.
 */
export function nodeDataHost(baseDir: string, options: DataHostOptions = {}): DataHost {
  const { confine } = options;
  return {
    openText: (path) => {
      const abs = isAbsolute(path) ? path : resolve(baseDir, path);
      if (!confine) return readTextFile(abs);
      return (async function* () {
        yield* readTextFile(await confine(abs));
      })();
    },
    importJson: async (specifier) => JSON.parse(await readFile(require.resolve(specifier), 'utf8')) as unknown,
  };
}
