// `npm start`: builds the app and launches Electron. Where the Electron
// binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1, a server, CI) it
// says so in one line and starts browser mode instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildElectron, ensureRendererBuilt, ROOT } from './build-electron.mjs';

/** The Electron executable, or null when the package is there without its binary. */
function electronBinary() {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const args = process.argv.slice(2);
const binary = electronBinary();
if (!binary) {
  console.log('Electron is not installed here (node_modules/electron has no binary): starting browser mode instead.');
  await import('./web.mjs');
} else {
  if (!ensureRendererBuilt()) process.exit(1);
  await buildElectron({ log: () => undefined });
  const child = spawn(binary, [join(ROOT, 'dist', 'electron', 'main.cjs'), ...args], { cwd: ROOT, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}
