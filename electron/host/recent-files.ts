import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ensureDir, writeFileAtomic } from './files';

const MAX_RECENT = 10;
const zSettings = z.object({ recentFiles: z.array(z.string()).default([]) });

/**
 * The recent-files list, kept in `settings.json` in the host's data folder.
 * A damaged settings file is treated as empty (the user loses a list, never a
 * project) and rewritten on the next change.
 */
export class RecentFiles {
  private files: string[] | null = null;

  constructor(private readonly dataDir: string) {}

  private get path(): string {
    return join(this.dataDir, 'settings.json');
  }

  async list(): Promise<string[]> {
    if (this.files) return this.files;
    try {
      const parsed = zSettings.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
      this.files = parsed.success ? parsed.data.recentFiles.filter((p) => typeof p === 'string' && p.length > 0).slice(0, MAX_RECENT) : [];
    } catch {
      this.files = [];
    }
    return this.files;
  }

  /** Puts `path` first (once) and keeps the newest ten. */
  async add(path: string): Promise<void> {
    const abs = resolve(path);
    const files = [abs, ...(await this.list()).filter((p) => p !== abs)].slice(0, MAX_RECENT);
    await this.store(files);
  }

  async clear(): Promise<void> {
    await this.store([]);
  }

  private async store(files: string[]): Promise<void> {
    this.files = files;
    await ensureDir(this.dataDir);
    await writeFileAtomic(this.path, JSON.stringify({ recentFiles: files }, null, 2) + '\n');
  }
}
