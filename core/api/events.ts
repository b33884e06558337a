import { z } from 'zod';
import { zBatchEvent, zDoneEvent, zEpochEvent, zErrorEvent } from '../train/events';
import { zPath, zTrainState } from './schemas';
import { zProbeResult } from './probe';

/**
 * Commands the host's menus send to the window. The window owns the document,
 * so File and Edit menu items only ask it to act; `saveAndClose` comes from
 * the question asked when closing with unsaved changes.
 */
export const MENU_COMMANDS = [
  'new',
  'open',
  'openRecent',
  'save',
  'saveAs',
  'saveAndClose',
  'exportTfjs',
  'exportKeras',
  'importModel',
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'delete',
  'selectAll',
  'zoomIn',
  'zoomOut',
  'zoomToFit',
  'autoLayout',
  'showTemplates',
  'about',
] as const;
export const zMenuCommand = z.enum(MENU_COMMANDS);
export type MenuCommand = z.infer<typeof zMenuCommand>;

const run = { runId: z.string() };

/**
 * Everything the host tells the window without being asked. Each payload is
 * checked by the host before sending and by the window on arrival.
 */
export const events = {
  /** After every batch of the current run. */
  trainingProgress: z.object({ ...run, event: zBatchEvent }),
  /** After every epoch: losses, accuracy, gradient norms and flow. */
  trainingEpoch: z.object({ ...run, event: zEpochEvent }),
  /** The run ended: completed or cancelled. */
  trainingDone: z.object({ ...run, event: zDoneEvent }),
  /** The run could not go on; `message` says what to change. */
  trainingError: z.object({ ...run, event: zErrorEvent }),
  /** What flows inside the model for the watched sample, every few batches and at every pause; or why it cannot be probed. */
  trainingProbe: z.object({ ...run, probe: zProbeResult.nullable(), error: z.string().optional() }),
  /** Every change of the run's state machine (compiling, running, paused...). */
  trainingState: z.object({ ...run, state: zTrainState }),
  /** A menu item or the close question asks the window to act. `path` for openRecent. */
  command: z.object({ command: zMenuCommand, path: zPath.optional() }),
  /** The OS or the command line asks to open a project; the path is allowed for `open`. */
  openFile: z.object({ path: zPath }),
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
