import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { quote } from '../../core/quote';
import { weightBytesOf, weightPathsOf, type ModelJson } from '../../core/export/tfjs-files';
import { FileReadError, formatBytes, readBounded, readFailure } from './bounded-read';

/** Most bytes of weights Seqwire loads from one model (far above the models it builds). */
export const WEIGHTS_LIMIT = 1 << 30;

function inside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !isAbsolute(rel) && rel.split(sep)[0] !== '..';
}

/**
 * The weight bytes a `model.json` names, joined in manifest order. Every
 * shard must sit in the model.json's own folder (or below it) once links are
 * followed, must be a regular file, and no shard may be longer than what the
 * manifest still leaves: a shard named `/dev/zero` or `../../secret` is
 * refused without being read, and whether an outside file exists is never
 * told.
 */
export async function readWeightShards(modelJsonPath: string, modelJson: ModelJson): Promise<Uint8Array> {
  const shown = dirname(modelJsonPath);
  let folder: string;
  try {
    folder = await realpath(shown);
  } catch (err) {
    throw readFailure(shown, 'the model folder', err);
  }
  const expected = weightBytesOf(modelJson);
  if (!Number.isSafeInteger(expected) || expected > WEIGHTS_LIMIT) {
    throw new FileReadError(`${modelJsonPath} describes ${Number.isFinite(expected) ? formatBytes(expected) : 'an endless number of bytes'} of weights, more than the ${formatBytes(WEIGHTS_LIMIT)} Seqwire loads`, 'too-large');
  }
  const parts: Buffer[] = [];
  let left = expected;
  for (const shard of weightPathsOf(modelJson)) {
    const named = resolve(folder, shard);
    const outside = () => new FileReadError(`${modelJsonPath} names the weights file ${quote(shard)}, which is not in the model.json's folder; weight files must sit beside it`, 'not-found');
    if (isAbsolute(shard) || shard.includes('\0') || !inside(folder, named)) throw outside();
    let real: string;
    try {
      real = await realpath(named);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new FileReadError(`${modelJsonPath} names the weights file ${quote(shard)}, which is not beside it`, 'not-found');
      throw readFailure(named, 'the weights file', err);
    }
    if (!inside(folder, real)) throw outside();
    let bytes: Buffer;
    try {
      bytes = await readBounded(real, { limit: left, what: 'the weights file' });
    } catch (err) {
      if (err instanceof FileReadError && err.code === 'too-large') {
        throw new FileReadError(`${modelJsonPath}: the weights file ${quote(shard)} is longer than the ${formatBytes(expected)} of weights the manifest describes; the files do not belong together`, 'too-large');
      }
      throw err;
    }
    left -= bytes.length;
    parts.push(bytes);
  }
  return new Uint8Array(Buffer.concat(parts));
}
