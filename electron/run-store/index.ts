/**
 * The run layer on the host side: the one module that reads and writes run
 * folders (layout in core/run/layout.ts). The training job, the host's
 * handlers and the command line all go through it.
 */
export * from './run-files';
export * from './run-folder';
export * from './runs-dir';
export * from './load-run';
export * from './model-exchange';
