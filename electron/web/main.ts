import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createHost, type Host } from '../host/host';
import { defaultServices } from '../host/default-services';
import type { HostServices } from '../host/services';
import { openBrowser } from './open-browser';
import { startWebServer } from './server';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

const USAGE = `usage: npm run web -- [--port N] [--project DIR] [--no-open]

  --port N       port on 127.0.0.1 (default: env SEQWIRE_PORT, else a free port)
  --project DIR  the folder the window may open and save in (default: the current folder)
  --no-open      print the URL without opening a browser`;

export interface WebModeOptions {
  port: number;
  projectRoot: string;
  open: boolean;
  token: string;
  dataDir: string;
  staticDir: string;
  assetsDir: string;
  services?: HostServices;
}

/** Reads the command line and the environment; a mistake is a message, not a stack trace. */
export function readOptions(argv: string[], env: NodeJS.ProcessEnv): WebModeOptions | { error: string } | { help: true } {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { port: { type: 'string' }, project: { type: 'string' }, 'no-open': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (err) {
    return { error: `${(err as Error).message}\n${USAGE}` };
  }
  if (values.help) return { help: true };
  const portText = values.port ?? env.SEQWIRE_PORT ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) return { error: `--port must be a number from 0 to 65535, found "${portText}"` };
  const token = env.SEQWIRE_TOKEN || randomBytes(24).toString('base64url');
  if (token.length < 16) return { error: 'SEQWIRE_TOKEN must be at least 16 characters' };
  return {
    port,
    // npm runs scripts from the package folder; INIT_CWD is where the user typed the command.
    projectRoot: resolve(values.project ?? env.SEQWIRE_PROJECT_DIR ?? env.INIT_CWD ?? process.cwd()),
    open: !values['no-open'],
    token,
    dataDir: resolve(env.SEQWIRE_DATA_DIR ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'seqwire')),
    staticDir: join(REPO, 'dist', 'renderer'),
    assetsDir: join(REPO, 'assets'),
  };
}

/** Starts browser mode; resolves to a function that stops it. */
export async function startWebMode(options: WebModeOptions, log: (line: string) => void = console.log): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = await stat(options.projectRoot).catch(() => null);
  if (!dir?.isDirectory()) throw new Error(`the project folder ${options.projectRoot} does not exist`);
  const version = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')).version as string;
  let host: Host | null = null;
  const server = await startWebServer({
    staticDir: options.staticDir,
    port: options.port,
    token: options.token,
    handlers: (emit) => {
      host = createHost({ kind: 'browser', version, dataDir: options.dataDir, assetsDir: options.assetsDir, projectRoot: options.projectRoot, dialogs: null, services: options.services ?? defaultServices(), emit });
      return host.handlers;
    },
  });
  log(`Seqwire (browser mode) on ${server.url}`);
  log(`project folder: ${options.projectRoot}`);
  if (options.open && openBrowser(server.url)) log('opened in your browser');
  return {
    url: server.url,
    async stop() {
      await (host as Host | null)?.dispose();
      await server.close();
    },
  };
}

/** `npm run web`: runs until interrupted. */
export async function main(argv: string[]): Promise<number> {
  const options = readOptions(argv, process.env);
  if ('help' in options) {
    console.log(USAGE);
    return 0;
  }
  if ('error' in options) {
    console.error(options.error);
    return 2;
  }
  // A server whose terminal went away keeps serving: a closed stdout is no reason to crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  let running;
  try {
    running = await startWebMode(options);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    console.error(code === 'EADDRINUSE' ? `port ${options.port} is taken; choose another with --port or leave it out for a free one` : `cannot start browser mode: ${(err as Error).message}`);
    return 1;
  }
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await running.stop();
  return 0;
}
