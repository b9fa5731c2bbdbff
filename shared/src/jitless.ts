import { z } from 'zod';

/**
 * Makes zod parse without compiling parsers: WeChat forbids eval and
 * new Function, and the H5 page's Content-Security-Policy refuses them. Without
 * this zod probes with new Function on its first parse, which the browser
 * reports as a policy violation. The mini-program calls it first thing; the
 * BFF keeps zod's compiled parsers.
 */
export function parseWithoutEval(): void {
  z.config({ jitless: true });
}
