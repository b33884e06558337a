// `npm run web`: the app in a browser. Builds the window when its build is
// missing or stale, then serves it and the API on 127.0.0.1 (see
// electron/web/main.ts for the options).
import { register } from 'tsx/esm/api';
import { ensureRendererBuilt } from './build-electron.mjs';

const argv = process.argv.slice(2);
const wantsHelp = argv.includes('--help') || argv.includes('-h');
if (!wantsHelp && !process.env.SEQWIRE_SKIP_BUILD && !ensureRendererBuilt()) process.exit(1);

register();
const { main } = await import(new URL('../electron/web/main.ts', import.meta.url).href);
process.exitCode = await main(argv);
