#!/usr/bin/env node
// The `seqwire` command line. It runs the TypeScript sources through tsx, so
// it works straight from a clone with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../electron/cli/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
