// Builds the command line (electron/cli) and its training worker into
// dist/cli with esbuild, so that `seqwire` starts without compiling
// TypeScript. bin/seqwire.mjs asks for the build on every start: it is reused
// while every file it was built from keeps the size and modification time it
// had, and rebuilt (about a second) otherwise, so it is never stale and a
// fresh clone needs no build step. esbuild comes with tsx, a dependency.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI_OUT = join(ROOT, 'dist', 'cli');
const MANIFEST = join(CLI_OUT, 'manifest.json');
/** Bump when the build options below change: a build made with others is then stale. */
const RECIPE = 1;
const ENTRIES = { main: 'electron/cli/main.ts', 'training-worker': 'electron/training/worker.ts' };
/** Files the bundle reads from beside itself, as they are read beside their module in the source tree. */
const ASSETS = ['electron/backend/fused/rnn.wasm'];
const LAZY_TFJS = join(ROOT, 'electron', 'cli', 'lazy-tfjs.ts');
const TFJS_IMPORT = /^import \* as tf from '@tensorflow\/tfjs';$/m;

/**
 * Packages bundled into the command line rather than loaded from
 * node_modules: zod, which every command parses with, loads faster as part of
 * one file than as its own hundred modules. All others stay outside: tfjs
 * finds its .wasm files in node_modules, tfjs-node its native library.
 */
const BUNDLED_PACKAGES = ['zod'];

/** Every package import is external but those of `bundled` (and their own subpaths). */
function packagesExternalBut(bundled) {
  return {
    name: 'packages-external',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:') || isAbsolute(args.path)) return undefined;
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        return bundled.includes(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/** Every `import * as tf from '@tensorflow/tfjs'` becomes the lazy one of electron/cli/lazy-tfjs.ts. */
const lazyTfjs = {
  name: 'lazy-tfjs',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!TFJS_IMPORT.test(source)) return undefined;
      return { contents: source.replace(TFJS_IMPORT, `import { tf } from ${JSON.stringify(LAZY_TFJS)};`), loader: 'ts' };
    });
  },
};

/** What tells a changed file: its modification time (whole milliseconds) and size. */
export function stamp(file, root = ROOT) {
  const s = statSync(join(root, file));
  return [Math.floor(s.mtimeMs), s.size];
}

/** The first of `inputs` ({file: stamp}, paths relative to `root`) that changed or is gone, else null. */
export function changedInput(inputs, root = ROOT) {
  for (const [file, [mtime, size]] of Object.entries(inputs)) {
    try {
      const [m, s] = stamp(file, root);
      if (m !== mtime || s !== size) return file;
    } catch {
      return file;
    }
  }
  return null;
}

/** The path of the built main module when the build is up to date, else null. */
export function freshCliEntry() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return null;
  }
  if (manifest.recipe !== RECIPE || changedInput(manifest.inputs) !== null) return null;
  try {
    const entry = join(CLI_OUT, manifest.dir, 'main.mjs');
    statSync(entry);
    return entry;
  } catch {
    return null;
  }
}

/** Builds into a new folder of dist/cli, records what it was built from, and gives the main module's path. */
export async function buildCli() {
  const { build } = await import('esbuild');
  const dir = `b-${Date.now().toString(36)}-${process.pid}`;
  const outdir = join(CLI_OUT, dir);
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages load from node_modules: tfjs finds its .wasm files there, tfjs-node its native library.
    plugins: [packagesExternalBut(BUNDLED_PACKAGES), lazyTfjs],
    metafile: true,
    logLevel: 'warning',
  });
  for (const asset of ASSETS) copyFileSync(join(ROOT, asset), join(outdir, basename(asset)));
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs), ...ASSETS, 'scripts/build-cli.mjs']) {
    if (!file.startsWith('node_modules/')) inputs[file] = stamp(file);
  }
  // Written whole, then renamed: another `seqwire` starting meanwhile reads the old manifest or the new one.
  const tmp = `${MANIFEST}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ recipe: RECIPE, dir, inputs }));
  renameSync(tmp, MANIFEST);
  removeOldBuilds(dir);
  return join(outdir, 'main.mjs');
}

/** Removes builds replaced over an hour ago (a `seqwire train` started before may still read its worker). */
function removeOldBuilds(current) {
  const hourAgo = Date.now() - 3600_000;
  for (const entry of readdirSync(CLI_OUT, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === current || !entry.name.startsWith('b-')) continue;
    const path = join(CLI_OUT, entry.name);
    if (statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
  }
}

/** The built main module, building it first when it is missing or stale. */
export async function cliEntry() {
  const fresh = freshCliEntry();
  if (fresh) return fresh;
  mkdirSync(CLI_OUT, { recursive: true });
  return buildCli();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildCli().then(
    (entry) => console.log(`built ${entry}`),
    (err) => {
      console.error(`command line build failed: ${err.message}`);
      process.exit(1);
    },
  );
}
