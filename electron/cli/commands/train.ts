import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { BACKENDS, zBackendName } from '../../backend/names';
import { listFolder, newRunId, removeRunPath } from '../../run-store';
import { TrainingController } from '../../training/controller';
import type { TrainJob } from '../../training/messages';
import { CliError, requireArg, type CliIO, type Command } from '../command';
import { readGraphFile } from '../read-graph';
import { ProgressLine } from './train-progress';

const USAGE = 'seqwire train FILE [--epochs N] [--out DIR [--resume | --force]] [--backend cpu|wasm|node] [--json]';

export const trainCommand: Command = {
  name: 'train',
  summary: "train a graph on its training section; writes model.json + weights, metrics.jsonl, the graph and checkpoints",
  usage: USAGE,
  options: {
    epochs: { type: 'string' },
    out: { type: 'string' },
    backend: { type: 'string' },
    resume: { type: 'boolean' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values }, io) {
    const file = requireArg(positionals, 0, 'FILE', USAGE);
    const { graph } = await readGraphFile(file);
    const epochs = values.epochs === undefined ? undefined : Number(values.epochs);
    if (epochs !== undefined && !(Number.isInteger(epochs) && epochs >= 1)) throw new CliError(`--epochs must be a whole number of at least 1, found "${String(values.epochs)}"`);
    const backend = values.backend === undefined ? undefined : zBackendName.safeParse(values.backend);
    if (backend && !backend.success) throw new CliError(`--backend must be one of ${BACKENDS.join(', ')}, found "${String(values.backend)}"`);
    if (values.resume && typeof values.out !== 'string') throw new CliError(`--resume needs --out DIR: the run folder to go on with\nusage: ${USAGE}`);
    if (values.resume && values.force) throw new CliError(`choose one of --resume (go on with the run in --out) and --force (replace it)\nusage: ${USAGE}`);
    const outDir = resolve(typeof values.out === 'string' ? values.out : defaultOut(file));
    if (typeof values.out === 'string' && !values.resume) {
      const held = (await listFolder(outDir)).map((e) => e.name);
      if (held.length && !values.force) throw new CliError(`${outDir} already holds ${held.length === 1 ? held[0] : `${held.length} files (${held.slice(0, 4).join(', ')}${held.length > 4 ? ', …' : ''})`}; go on with that run with --resume, replace it with --force, or choose another --out`);
      if (held.length) await removeRunPath(outDir);
    }
    const job: TrainJob = {
      graph,
      baseDir: resolve(dirname(file)),
      outDir,
      ...(epochs ? { epochs } : {}),
      ...(backend?.success ? { backend: backend.data } : {}),
      ...(values.resume ? { resumeFrom: outDir } : {}),
    };
    return trainInWorker(job, io, !!values.json, file);
  },
};

/**
 * Where a run goes without `--out`: a new run folder in `NAME.runs/` beside
 * the graph file, except for a template shipped with Seqwire (assets/templates),
 * whose runs go to the current folder instead of into the app's own files.
 */
export function defaultOut(file: string, cwd = process.cwd()): string {
  const abs = resolve(file);
  const name = `${basename(abs).replace(/\.seqwire\.json$|\.json$/, '')}.runs`;
  const shipped = dirname(abs).split(sep).slice(-2).join('/') === 'assets/templates';
  return join(shipped ? cwd : dirname(abs), name, newRunId());
}

/** Runs the job in the worker, reporting to the terminal or as JSON lines; Ctrl-C cancels with a checkpoint. */
async function trainInWorker(job: TrainJob, io: CliIO, json: boolean, file: string): Promise<number> {
  const controller = new TrainingController();
  const bar = !json && io.isTTY ? new ProgressLine((text) => process.stdout.write(text)) : null;
  const say = (line: string) => (bar ? bar.print(line) : io.out(line));
  if (json) {
    for (const name of ['started', 'progress', 'epoch', 'checkpoint', 'done', 'error'] as const) controller.on(name, (e) => io.out(JSON.stringify(e)));
  } else {
    controller.on('started', (e) => say(`training on the ${e.backend} backend, ${e.trainSize} samples${e.resumedFromEpoch !== null ? `, resuming after epoch ${e.resumedFromEpoch}` : ''}${e.notes.map((n) => `\nnote: ${n}`).join('')}`));
    controller.on('progress', (e) => bar?.update(e));
    controller.on('epoch', (e) => {
      const acc = Object.entries(e.accuracy).map(([id, a]) => `  acc${Object.keys(e.accuracy).length > 1 ? ` ${id}` : ''} ${a.toFixed(3)}`).join('');
      const val = e.valLoss === null ? '' : `  val ${e.valLoss.toFixed(4)}`;
      say(`epoch ${e.epoch}/${e.epochs}  loss ${e.loss.toFixed(4)}${val}${acc}  ${Math.round(e.samplesPerSec)} samples/s  ${e.elapsedSec.toFixed(1)}s`);
    });
  }
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    if (!json) say('cancelling: finishing this batch and writing a checkpoint (Ctrl-C again to quit at once)');
    controller.cancel();
  };
  process.on('SIGINT', onSigint);
  try {
    const end = await controller.start(job);
    bar?.clear();
    if (end.type === 'error') {
      if (!json) io.err(`training failed: ${end.message}`);
      return 1;
    }
    if (!json) {
      const loss = end.loss === null ? '' : `, loss ${end.loss.toFixed(4)}${end.valLoss === null ? '' : `, val ${end.valLoss.toFixed(4)}`}`;
      const hasCheckpoint = existsSync(join(end.outDir, 'checkpoints', 'latest.json'));
      if (end.reason === 'cancelled') {
        io.out(`cancelled after epoch ${end.epochs}${loss}${hasCheckpoint ? `; the checkpoint is in ${join(end.outDir, 'checkpoints')}` : ''}`);
        if (hasCheckpoint) io.out(`go on with: seqwire train ${file} --out ${end.outDir} --resume`);
      } else {
        io.out(`trained ${end.epochs} epochs on ${end.backend} in ${end.elapsedSec.toFixed(1)}s${loss}`);
      }
      // Only what is there: a run cancelled while loading its data wrote no model.
      const written = ['model.json', 'weights.bin', 'metrics.jsonl', 'graph.seqwire.json', 'checkpoints'].filter((f) => existsSync(join(end.outDir, f)));
      io.out(`wrote ${end.outDir}: ${written.map((f) => (f === 'checkpoints' ? 'checkpoints/' : f)).join(', ')}`);
    }
    return end.reason === 'cancelled' ? 130 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    await controller.dispose();
  }
}
