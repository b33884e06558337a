import type { MetricsLine, RunInfo } from '../../core/api/schemas';

/** The settings a run was trained with, in the order the runs table shows them. */
export const SETTING_LABELS = [
  ['optimizer', 'Optimizer'],
  ['learningRate', 'Learning rate'],
  ['batchSize', 'Batch'],
  ['epochs', 'Epochs'],
  ['seed', 'Seed'],
  ['clipNorm', 'Clip norm'],
  ['validationSplit', 'Validation'],
  ['backend', 'Backend'],
] as const;

export type SettingKey = (typeof SETTING_LABELS)[number][0];

export interface SettingRow {
  key: SettingKey;
  label: string;
  value: string;
  /** The other run's value when it differs, else null. */
  other: string | null;
}

function show(v: unknown): string {
  return v === undefined || v === null ? '—' : String(v);
}

/** A run's settings as rows, each marked with the other run's value where the two differ. */
export function settingRows(run: RunInfo, other: RunInfo | null): SettingRow[] {
  return SETTING_LABELS.map(([key, label]) => {
    const value = show(run.settings?.[key]);
    const theirs = other ? show(other.settings?.[key]) : null;
    return { key, label, value, other: theirs !== null && theirs !== value ? theirs : null };
  });
}

/** The last epoch's loss of each Output (training, and validation when kept), from a run's metrics lines. */
export function lossesPerOutput(lines: MetricsLine[]): { nodeId: string; loss: number | null; valLoss: number | null }[] {
  const metrics = lines.at(-1)?.metrics as { losses?: Record<string, number>; valLosses?: Record<string, number> | null } | undefined;
  const losses = metrics?.losses ?? {};
  const val = metrics?.valLosses ?? {};
  return Object.keys({ ...losses, ...val }).map((nodeId) => ({ nodeId, loss: losses[nodeId] ?? null, valLoss: val[nodeId] ?? null }));
}
