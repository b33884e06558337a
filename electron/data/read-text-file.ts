import { DATASET_FILE_LIMIT, streamTextBounded } from './bounded-read';

/**
 * A data file as a stream of UTF-8 text chunks, for the core parsers: core never
 * touches the file system, and a large file never sits in memory whole. Only a
 * regular file is read (a device or a FIFO is refused, not read) and a file
 * larger than `DATASET_FILE_LIMIT` stops with a clear error.
 */
export function readTextFile(path: string, chunkSize = 1 << 20, limit = DATASET_FILE_LIMIT): AsyncGenerator<string> {
  return streamTextBounded(path, { limit, what: 'the dataset', chunkSize });
}
