import { execFile } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the build, without types
import { cliEntry, freshCliEntry } from '../scripts/build-cli.mjs';

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

  it('rebuilds when a source it was built from changes, and not otherwise', async () => {
    const entry: string = await cliEntry();
    expect(freshCliEntry()).toBe(entry);
    const source = join(root, 'electron/cli/commands/validate.ts');
    const { atime, mtime } = statSync(source);
    try {
      utimesSync(source, atime, new Date(mtime.getTime() + 5000));
      expect(freshCliEntry()).toBeNull();
    } finally {
      utimesSync(source, atime, mtime);
    }
    expect(freshCliEntry()).toBe(entry);
  });
});
