import { z } from 'zod';

// zod checks whether it may compile parsers with `new Function`; under the window's
// content security policy (no eval) that probe is blocked and reported as a violation,
// though zod then works without it. jitless skips the probe. Imported first, before
// any schema parses.
z.config({ jitless: true });
