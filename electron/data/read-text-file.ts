import { createReadStream } from 'node:fs';

/**
 * A file as a stream of UTF-8 text chunks, for the core parsers: core never
 * touches the file system, and a large file never sits in memory whole. Node's
 * decoder never cuts a character in two between chunks.
 */
export async function* readTextFile(path: string, chunkSize = 1 << 20): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: chunkSize });
  try {
    for await (const chunk of stream) yield chunk as string;
  } finally {
    stream.destroy();
  }
}
