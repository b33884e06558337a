import type { BatchEvent } from '../../../core/train/events';

/**
 * The one-line progress bar of `seqwire train` on a terminal: the epoch, a
 * bar over its batches, the batch loss, samples/s and the time left. Lines
 * printed in between (epoch summaries) go above it.
 */
export class ProgressLine {
  private shown = false;
  private lastDraw = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly width = 24,
  ) {}

  update(e: BatchEvent): void {
    // Redrawing more often than a terminal refreshes only costs time.
    const now = Date.now();
    if (now - this.lastDraw < 80 && e.batch !== e.batches) return;
    this.lastDraw = now;
    const filled = Math.round((e.batch / e.batches) * this.width);
    const bar = '█'.repeat(filled) + '░'.repeat(this.width - filled);
    this.write(`\r\x1b[2Kepoch ${e.epoch} ${bar} ${e.batch}/${e.batches}  loss ${e.loss.toFixed(4)}  ${Math.round(e.samplesPerSec)} samples/s  ETA ${formatDuration(e.etaSec)}`);
    this.shown = true;
  }

  /** Prints a full line above the bar. */
  print(line: string): void {
    this.clear();
    this.write(`${line}\n`);
  }

  clear(): void {
    if (this.shown) this.write('\r\x1b[2K');
    this.shown = false;
  }
}

/** `42s`, `3m 05s`, `1h 02m`. */
export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return '—';
  const s = Math.round(sec);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
