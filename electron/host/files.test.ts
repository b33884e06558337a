import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ioError, readText, writeFileAtomic } from './files';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seqwire-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('saving files', () => {
  it('removes the temporary files killed saves left, keeping those of a live writer and of other files', async () => {
    const path = join(dir, 'p.seqwire.json');
    // 2^22 + 1 is above Linux's largest process id, so no process has it.
    const dead = `.p.seqwire.json.${2 ** 22 + 1}.deadbeef.tmp`;
    const live = `.p.seqwire.json.${process.ppid}.0badf00d.tmp`;
    const other = `.q.seqwire.json.${2 ** 22 + 1}.deadbeef.tmp`;
    for (const name of [dead, live, other]) await writeFile(join(dir, name), 'x'.repeat(1000));
    await writeFileAtomic(path, 'new');
    expect((await readdir(dir)).sort()).toEqual([live, other, 'p.seqwire.json'].sort());
  });

  it('reads a project as text, and refuses a device in words', async () => {
    await writeFile(join(dir, 'a.json'), '{}');
    await expect(readText(join(dir, 'a.json'))).resolves.toBe('{}');
    await expect(readText('/dev/zero')).rejects.toMatchObject({ code: 'bad-file', message: expect.stringMatching(/it is a device, not a file/) });
  });

  it('turns system errors into sentences', () => {
    const err = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
    expect(ioError('/x', err('EEXIST'), 'write').message).toBe('cannot write /x: a file of that name is in the way');
    expect(ioError('/x', err('ENOTDIR'), 'read').message).toBe('cannot read /x: a part of the path is a file, not a folder');
    expect(ioError('/x', err('EROFS'), 'write').message).toBe('cannot write /x: the disk is read-only');
    expect(ioError('/x', err('EWEIRD'), 'write').message).toBe('cannot write /x: the system refused (EWEIRD)');
  });
});
