import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ApiError } from '../../core/api/errors';
import { zMetricsLine, type RunInfo } from '../../core/api/schemas';
import { ensureDir, writeFileAtomic } from './files';

/**
 * One folder per run inside the runs folder: what the trainer writes
 * (`model.json` + weights, `metrics.jsonl`, `graph.seqwire.json`,
 * checkpoints) and `run.json`, the host's note of when it started and how
 * it ended.
 */
export const RUN_FILES = { info: 'run.json', metrics: 'metrics.jsonl', model: 'model.json', graph: 'graph.seqwire.json' } as const;

const zRunNote = z.object({
  startedAt: z.string().nullable().default(null),
  status: z.enum(['running', 'done', 'cancelled', 'failed', 'unknown']).default('unknown'),
  backend: z.string().nullable().default(null),
  message: z.string().optional(),
});
export type RunNote = z.infer<typeof zRunNote>;

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A new run id that sorts by time: `20261125-153000-ab12`. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

export function runDir(runsDir: string, runId: string): string {
  // The contract already refuses separators; this guards callers inside the host.
  if (!RUN_ID.test(runId)) throw new ApiError('not-found', `no run "${runId}"`);
  return join(runsDir, runId);
}

export async function writeRunNote(dir: string, note: RunNote): Promise<void> {
  await ensureDir(dir);
  await writeFileAtomic(join(dir, RUN_FILES.info), JSON.stringify(note, null, 2) + '\n');
}

export async function readRunNote(dir: string): Promise<RunNote> {
  try {
    const parsed = zRunNote.safeParse(JSON.parse(await readFile(join(dir, RUN_FILES.info), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // A run written by `seqwire train` has no note; the metrics still tell its story.
  }
  return { startedAt: null, status: 'unknown', backend: null };
}

/** The epoch lines of a run; lines that do not parse (a run killed mid-write) are skipped. */
export async function readMetrics(dir: string): Promise<z.infer<typeof zMetricsLine>[]> {
  let text: string;
  try {
    text = await readFile(join(dir, RUN_FILES.metrics), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      await stat(dir).catch(() => {
        throw new ApiError('not-found', `no run at ${dir}`);
      });
      return [];
    }
    throw err;
  }
  const lines = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = zMetricsLine.safeParse(JSON.parse(line));
      if (parsed.success) lines.push(parsed.data);
    } catch {
      continue;
    }
  }
  return lines;
}

/** Every run folder under `runsDir`, newest first. A missing runs folder is no runs. */
export async function listRuns(runsDir: string): Promise<RunInfo[]> {
  let entries;
  try {
    entries = await readdir(runsDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const runs: RunInfo[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !RUN_ID.test(entry.name)) continue;
    const dir = join(runsDir, entry.name);
    const [note, metrics, hasModel] = await Promise.all([readRunNote(dir), readMetrics(dir), exists(join(dir, RUN_FILES.model))]);
    const last = metrics.at(-1);
    runs.push({
      id: entry.name,
      dir,
      startedAt: note.startedAt,
      status: note.status,
      epochs: last?.epoch ?? 0,
      loss: last?.loss ?? null,
      valLoss: last?.valLoss ?? null,
      backend: note.backend,
      hasModel,
    });
  }
  return runs.sort((a, b) => (b.startedAt ?? b.id).localeCompare(a.startedAt ?? a.id));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
