import { createRequire } from 'node:module';
import type * as Tfjs from '@tensorflow/tfjs';

/**
 * TensorFlow.js, loaded on first use. Only the command line's bundle uses
 * this: scripts/build-cli.mjs rewrites every `import * as tf from
 * '@tensorflow/tfjs'` into an import of `tf` from here, so that `seqwire
 * validate`, `summary`, `datasets` and `--help` never load tfjs (over a
 * second of start-up under load) while `train` and `generate` load it the
 * moment they touch it. Everything else imports tfjs as usual.
 *
 * `require` gives the same tfjs instance as an `import` would: tfjs's Node
 * entry is CommonJS, and the backends, imported later, find it in the same
 * module cache.
 */
const require = createRequire(import.meta.url);
let loaded: typeof Tfjs | undefined;

function load(): typeof Tfjs {
  if (!loaded) {
    if (process.env.SEQWIRE_TRACE_TFJS) process.stderr.write(`seqwire: loading tfjs\n${new Error().stack}\n`);
    loaded = require('@tensorflow/tfjs') as typeof Tfjs;
  }
  return loaded;
}

export const tf: typeof Tfjs = new Proxy({} as typeof Tfjs, {
  get: (_target, key) => load()[key as keyof typeof Tfjs],
  has: (_target, key) => key in load(),
});
