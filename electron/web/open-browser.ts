import { spawn } from 'node:child_process';

/**
 * Opens `url` in the user's browser when there is one to open: not in CI, not
 * on a Linux machine without a display. Says nothing when it cannot; the URL
 * is printed anyway.
 */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.CI || env.SEQWIRE_NO_OPEN) return false;
  const platform = process.platform;
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return false;
  const [command, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
