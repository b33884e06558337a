import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startBrowserMode } from './browser-mode';

/**
 * Builds the window once if it is missing (so that servers started by
 * fixtures never build concurrently), then starts one shared browser-mode
 * server and hands its URL to the tests through the environment.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) {
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const built = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the window did not build; run `npm run build` to see why');
  }
  const server = await startBrowserMode();
  process.env.SEQWIRE_E2E_URL = server.url;
  process.env.SEQWIRE_E2E_TOKEN = server.token;
  process.env.SEQWIRE_E2E_PROJECT = server.projectDir;
  return () => server.stop();
}
