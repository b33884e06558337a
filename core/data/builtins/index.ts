import type { Builtin } from '../define';
import { addition } from './addition';
import { captions } from './captions';
import { frames } from './frames';
import { hersheyStrokes } from './hershey-strokes';
import { mnistRows } from './mnist-rows';
import { mnistTranslated } from './mnist-translated';
import { recall } from './recall';
import { sine } from './sine';

/** Every built-in dataset, in the order `seqwire datasets` lists them. */
export const BUILTINS: readonly Builtin[] = [hersheyStrokes, mnistRows, mnistTranslated, addition, sine, recall, frames, captions] as unknown as readonly Builtin[];
