import type { FileFormat } from '../define';
import { csvFormat } from './csv';
import { pairsTsvFormat } from './pairs-tsv';
import { quickdrawFormat } from './quickdraw';
import { textFormat } from './text';

/** Every file format of graph-format.md, by its `format` name. */
export const FILE_FORMATS: readonly FileFormat[] = [csvFormat, quickdrawFormat, textFormat, pairsTsvFormat] as unknown as readonly FileFormat[];
