/** File contents as core sees them: the whole text, or chunks streamed by the host. */
export type TextSource = string | Iterable<string> | AsyncIterable<string>;

/** One line of a file, without its line break; `number` is 1-based. */
export interface Line {
  text: string;
  number: number;
}

/**
 * The lines of a source, however its chunks are cut: a line split across
 * chunks is joined, `\r\n` ends a line like `\n`, a byte-order mark is
 * dropped, and a last line without a break is still a line.
 */
export async function* readLines(source: TextSource): AsyncGenerator<Line> {
  let carry = '';
  let number = 0;
  let first = true;
  for await (let chunk of chunks(source)) {
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    let start = 0;
    let nl = chunk.indexOf('\n');
    if (nl >= 0 && carry) {
      yield { text: stripCr(carry + chunk.slice(0, nl)), number: ++number };
      carry = '';
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    while (nl >= 0) {
      yield { text: stripCr(chunk.slice(start, nl)), number: ++number };
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    carry += chunk.slice(start);
  }
  if (carry) yield { text: stripCr(carry), number: number + 1 };
}

/** The chunks of a source, with its byte-order mark dropped. */
export async function* readChunks(source: TextSource): AsyncGenerator<string> {
  let first = true;
  for await (const chunk of chunks(source)) {
    yield first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    first = false;
  }
}

function chunks(source: TextSource): Iterable<string> | AsyncIterable<string> {
  return typeof source === 'string' ? [source] : source;
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}
