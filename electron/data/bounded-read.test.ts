import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBounded, streamTextBounded } from './bounded-read';
import { readWeightShards } from './weight-shards';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seqwire-bounded-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function drain(source: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of source) text += chunk;
  return text;
}

const manifest = (paths: string[], floats: number) => ({ modelTopology: {}, weightsManifest: [{ paths, weights: [{ name: 'w', shape: [floats], dtype: 'float32' as const }] }] });

describe('bounded reads of files that data names', () => {
  it('refuses /dev/zero as a device without reading it', async () => {
    await expect(readBounded('/dev/zero', { limit: 1 << 20, what: 'the dataset' })).rejects.toThrow(/\/dev\/zero: it is a device, not a file/);
    await expect(drain(streamTextBounded('/dev/zero', { limit: 1 << 20, what: 'the dataset' }))).rejects.toThrow(/it is a device/);
  });

  it('refuses a FIFO at once instead of blocking on it', async () => {
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    await expect(drain(streamTextBounded(fifo, { limit: 1 << 20, what: 'the dataset' }))).rejects.toThrow(/pipe\.csv: it is a pipe \(FIFO\), not a file/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops at the limit with a sentence naming the file and the limit', async () => {
    await writeFile(join(dir, 'big.csv'), 'x'.repeat(5000));
    await expect(readBounded(join(dir, 'big.csv'), { limit: 4096, what: 'the dataset' })).rejects.toThrow(/big\.csv: it is larger than 4 KiB, the most Seqwire reads for the dataset/);
    await expect(drain(streamTextBounded(join(dir, 'big.csv'), { limit: 4096, what: 'the dataset' }))).rejects.toThrow(/larger than 4 KiB/);
    await expect(readBounded(join(dir, 'big.csv'), { limit: 5000, what: 'the dataset' })).resolves.toHaveLength(5000);
  });

  it('says a missing file and a folder in words, without system codes', async () => {
    await expect(readBounded(join(dir, 'nope.csv'), { limit: 10, what: 'the dataset' })).rejects.toThrow(/^cannot read the dataset \S+nope\.csv: no such file$/);
    await expect(readBounded(dir, { limit: 10, what: 'the dataset' })).rejects.toThrow(/it is a folder, not a file$/);
  });
});

describe('weight shards named by a model.json', () => {
  it('reads the shards beside the model.json, joined in order', async () => {
    await writeFile(join(dir, 'a.bin'), Buffer.alloc(8, 1));
    await writeFile(join(dir, 'b.bin'), Buffer.alloc(8, 2));
    const bytes = await readWeightShards(join(dir, 'model.json'), manifest(['a.bin', 'b.bin'], 4));
    expect(Array.from(bytes)).toEqual([...Array(8).fill(1), ...Array(8).fill(2)]);
  });

  it('refuses /dev/zero, an absolute path and a path out of the folder alike, without telling whether they exist', async () => {
    for (const shard of ['/dev/zero', '../../../../dev/zero', '../outside-that-does-not-exist.bin', '/etc/passwd']) {
      await expect(readWeightShards(join(dir, 'model.json'), manifest([shard], 4))).rejects.toThrow(/which is not in the model\.json's folder/);
    }
  });

  it('refuses a link in the folder that leads out of it', async () => {
    await symlink('/dev/zero', join(dir, 'weights.bin'));
    await expect(readWeightShards(join(dir, 'model.json'), manifest(['weights.bin'], 4))).rejects.toThrow(/not in the model\.json's folder/);
  });

  it('stops a shard longer than the manifest says', async () => {
    await writeFile(join(dir, 'w.bin'), Buffer.alloc(64));
    await expect(readWeightShards(join(dir, 'model.json'), manifest(['w.bin'], 4))).rejects.toThrow(/longer than the 16 bytes of weights the manifest describes/);
  });

  it('refuses a manifest describing more weights than Seqwire loads', async () => {
    await expect(readWeightShards(join(dir, 'model.json'), manifest(['w.bin'], 2 ** 40))).rejects.toThrow(/describes 4096 GiB of weights, more than the 1 GiB Seqwire loads/);
  });
});
