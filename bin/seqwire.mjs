#!/usr/bin/env node
// The `seqwire` command line. It runs a bundle of electron/cli that esbuild
// builds into dist/cli on first use and again whenever a source it was built
// from changes (scripts/build-cli.mjs): it works straight from a clone with no
// build step and starts without compiling TypeScript. Should that build fail,
// it runs the TypeScript sources through tsx instead, only slower to start.
import { pathToFileURL } from 'node:url';
import { cliEntry } from '../scripts/build-cli.mjs';

let main;
try {
  ({ main } = await import(pathToFileURL(await cliEntry()).href));
} catch (err) {
  process.stderr.write(`seqwire: the command line did not build (${err.message.split('\n')[0]}); running its sources through tsx\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(new URL('../electron/cli/main.ts', import.meta.url).href));
}
process.exitCode = await main(process.argv.slice(2));
