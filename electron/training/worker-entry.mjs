// Starts the training worker from the TypeScript sources (development, tests
// and the command line run without a build): tsx's loader is registered per
// thread, so the worker registers its own before importing the worker module.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./worker.ts', import.meta.url).href);
