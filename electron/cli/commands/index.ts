import type { Command } from '../command';
import { datasetsCommand } from './datasets';
import { exportCommand } from './export';
import { generateCommand } from './generate';
import { importCommand } from './import';
import { joinCommand } from './join';
import { predictCommand } from './predict';
import { probeCommand } from './probe';
import { summaryCommand } from './summary';
import { trainCommand } from './train';
import { validateCommand } from './validate';

/** Every `seqwire` subcommand; adding one means one module and one line here. */
export const COMMANDS: readonly Command[] = [validateCommand, summaryCommand, datasetsCommand, trainCommand, generateCommand, predictCommand, probeCommand, exportCommand, importCommand, joinCommand];
