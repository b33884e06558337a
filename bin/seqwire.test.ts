import { execFile } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the build, without types
import { changedInput, cliEntry, stamp } from '../scripts/build-cli.mjs';

const root = join(__dirname, '..');
const bin = join(root, 'bin/seqwire.mjs');
const template = join(root, 'assets/templates/stroke-generation.seqwire.json');

describe('the seqwire binary', () => {
  it('validates a template without loading TensorFlow.js', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, 'validate', template], { env: { ...process.env, SEQWIRE_TRACE_TFJS: '1' } });
    expect(stdout).toMatch(/^valid: 3 nodes/);
    expect(stderr).not.toContain('loading tfjs');
  });

  it('loads TensorFlow.js when a command builds the model, and exports it', async () => {
    const out = await mkdtemp(join(tmpdir(), 'seqwire-bin-'));
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, 'export', template, '--tfjs', out], { env: { ...process.env, SEQWIRE_TRACE_TFJS: '1' } });
    expect(stderr).toContain('loading tfjs');
    expect(stdout).toContain('model.json');
    expect(JSON.parse(await readFile(join(out, 'model.json'), 'utf8')).format).toBe('layers-model');
  });

  it('is rebuilt when a file it was built from changes its time or size, or goes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seqwire-stamp-'));
    const file = join(dir, 'a.ts');
    // Whole seconds, so that setting the time back gives exactly the recorded one.
    const t = 1_700_000_000;
    await writeFile(file, 'export const a = 1;');
    utimesSync(file, t, t);
    const inputs = { 'a.ts': stamp('a.ts', dir) };
    expect(changedInput(inputs, dir)).toBeNull();
    utimesSync(file, t, t + 5);
    expect(changedInput(inputs, dir)).toBe('a.ts');
    utimesSync(file, t, t);
    expect(changedInput(inputs, dir)).toBeNull();
    await writeFile(file, 'export const a = 12;');
    utimesSync(file, t, t);
    expect(changedInput(inputs, dir)).toBe('a.ts');
    await rm(file);
    expect(changedInput(inputs, dir)).toBe('a.ts');
  });

  it('records every source of the bundle, so the build it gives is current', async () => {
    const entry: string = await cliEntry();
    expect(statSync(entry).isFile()).toBe(true);
    const manifest = JSON.parse(await readFile(join(root, 'dist/cli/manifest.json'), 'utf8'));
    for (const source of ['electron/cli/main.ts', 'electron/cli/commands/validate.ts', 'core/validate/analyze.ts', 'electron/training/worker.ts', 'electron/backend/fused/rnn.wasm']) {
      expect(manifest.inputs).toHaveProperty([source]);
    }
  });
});
