import { dirname, isAbsolute, join } from 'node:path';
import type { TrainingService, TrainingStart, TrainingListener } from '../host/services';
import { TrainingController, type ControllerOptions } from './controller';

/**
 * The host's training service over one worker thread: the contract's
 * start/pause/resume/cancel, with the worker's messages turned into the
 * core events and states the host forwards to the window.
 */
export function createTrainingService(options: ControllerOptions = {}): TrainingService {
  const controller = new TrainingController(options);
  let listener: TrainingListener | null = null;
  controller.on('state', (s) => listener?.state(s));
  controller.on('progress', (e) => listener?.event(e));
  controller.on('epoch', (e) => listener?.event(e));
  controller.on('done', ({ outDir: _outDir, ...e }) => listener?.event(e));
  controller.on('error', (e) => listener?.event(e));
  controller.on('probe', (m) => listener?.probe?.(m.probe ? { probe: m.probe } : { error: m.error ?? 'the sample cannot be probed' }));

  return {
    async start(run: TrainingStart, l: TrainingListener) {
      listener = l;
      const resume = run.overrides?.resumeFrom;
      // A run id names a sibling folder in the same runs folder; a path is taken as it is.
      const resumeFrom = resume === undefined ? undefined : isAbsolute(resume) ? resume : join(dirname(run.dir), resume);
      controller.start({
        graph: run.graph,
        baseDir: run.baseDir,
        outDir: run.dir,
        datasetFile: run.datasetFile,
        ...(run.overrides?.epochs ? { epochs: run.overrides.epochs } : {}),
        ...(run.overrides?.backend ? { backend: run.overrides.backend } : {}),
        ...(resumeFrom ? { resumeFrom } : {}),
        ...(run.overrides?.step ? { step: run.overrides.step } : {}),
        ...(run.overrides?.slowMotionMs ? { slowMotionMs: run.overrides.slowMotionMs } : {}),
        ...(run.overrides?.probeSample !== undefined ? { probeSample: run.overrides.probeSample } : {}),
      }).catch((err: unknown) => l.event({ type: 'error', message: (err as Error).message, epoch: null, batch: null }));
    },
    pause: () => controller.pause(),
    resume: () => controller.resume(),
    cancel: () => controller.cancel(),
    step: (step) => controller.step(step),
    slowMotion: (ms) => controller.slowMotion(ms),
    watch: (sample) => controller.watch(sample),
    dispose: () => controller.dispose(),
  };
}
