import { GrowableInt32 } from './growable';
import { makeVocab } from './vocab';
import type { Vocab } from './types';

/**
 * Token ids collected while streaming, before the vocabulary is known: ids
 * are given in order of first sight, then `finish` sorts the vocabulary and
 * remaps the ids in place, so the same text gives the same ids whatever order
 * its chunks came in.
 */
export class TokenStore {
  readonly ids = new GrowableInt32(1 << 12);
  private readonly seen = new Map<string, number>();

  push(token: string): void {
    let id = this.seen.get(token);
    if (id === undefined) this.seen.set(token, (id = this.seen.size));
    this.ids.push(id);
  }

  get distinct(): number {
    return this.seen.size;
  }

  /** Sorts the vocabulary (after pad/start/end when `specials`) and rewrites the ids to it. */
  finish(opts: { specials?: boolean; joiner?: string } = {}): { ids: Int32Array; vocab: Vocab } {
    const vocab = makeVocab(this.seen.keys(), opts);
    const remap = new Int32Array(this.seen.size);
    const index = new Map(vocab.tokens.map((t, i) => [t, i]));
    for (const [token, first] of this.seen) remap[first] = index.get(token)!;
    const ids = this.ids.trimmed();
    for (let i = 0; i < ids.length; i++) ids[i] = remap[ids[i]];
    return { ids, vocab };
  }
}
