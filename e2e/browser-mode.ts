import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** One browser-mode server, as `npm run web` starts it, on a free port with its own folders. */
export interface BrowserModeServer {
  /** The page URL, token included. */
  url: string;
  origin: string;
  token: string;
  /** The project folder the window may open and save in (empty at start). */
  projectDir: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts `node scripts/web.mjs` on port 0 with a known token and fresh
 * temporary folders, and resolves once it printed its URL. The window must
 * already be built (the e2e script builds first).
 */
export async function startBrowserMode(opts: { projectDir?: string } = {}): Promise<BrowserModeServer> {
  const base = await mkdtemp(join(tmpdir(), 'seqwire-e2e-'));
  const projectDir = opts.projectDir ?? join(base, 'project');
  const dataDir = join(base, 'data');
  await import('node:fs/promises').then((fs) => fs.mkdir(projectDir, { recursive: true }));
  const token = randomBytes(18).toString('base64url');
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'web.mjs'), '--no-open', '--port', '0', '--project', projectDir], {
    cwd: ROOT,
    env: { ...process.env, SEQWIRE_TOKEN: token, SEQWIRE_DATA_DIR: dataDir, SEQWIRE_SKIP_BUILD: '1', CI: process.env.CI ?? '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForUrl(child);
  return {
    url,
    origin: new URL(url).origin,
    token,
    projectDir,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(base, { recursive: true, force: true });
    },
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code}) before printing its URL:\n${out}${err}`)));
  });
}
