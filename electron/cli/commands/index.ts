import type { Command } from '../command';
import { datasetsCommand } from './datasets';
import { summaryCommand } from './summary';
import { trainCommand } from './train';
import { validateCommand } from './validate';

/** Every `seqwire` subcommand; adding one means one module and one line here. */
export const COMMANDS: readonly Command[] = [validateCommand, summaryCommand, datasetsCommand, trainCommand];
