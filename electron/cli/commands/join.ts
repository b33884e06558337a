import { resolve } from 'node:path';
import { selectBackend } from '../../backend/select';
import { joinModelFiles } from '../../run-store';
import { CliError, requireArg, type Command } from '../command';
import { cliRun } from '../run-errors';
import { writeImported } from './import';

const USAGE = 'seqwire join ENCODER_MODEL DECODER_MODEL -o GRAPH.seqwire.json';

/**
 * An encoder and a decoder saved as two model files (Keras's seq2seq
 * inference pair, any format `import` reads) as one seq2seq graph: the
 * encoder's outputs start the decoder's recurrent states.
 */
export const joinCommand: Command = {
  name: 'join',
  summary: 'join an encoder and a decoder saved as two model files into one seq2seq graph (with their weights, as a run folder beside it)',
  usage: USAGE,
  options: { output: { type: 'string', short: 'o' } },
  async run({ positionals, values }, io) {
    const encoderPath = requireArg(positionals, 0, 'ENCODER_MODEL', USAGE);
    const decoderPath = requireArg(positionals, 1, 'DECODER_MODEL', USAGE);
    const out = typeof values.output === 'string' ? values.output : null;
    if (!out) throw new CliError(`missing -o GRAPH.seqwire.json\nusage: ${USAGE}`);
    await selectBackend();
    const joined = await cliRun(() => joinModelFiles(encoderPath, decoderPath));
    return writeImported(out, joined, `${resolve(encoderPath)} + ${resolve(decoderPath)}`, io);
  },
};
