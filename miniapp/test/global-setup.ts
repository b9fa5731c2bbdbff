import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, type Stack } from '../e2e/stack';

/**
 * One real stack for the whole run. The tests render components themselves,
 * so the H5 server serves an empty folder and only passes /api through.
 */
export default async function globalSetup(): Promise<void> {
  const h5Dir = mkdtempSync(path.join(os.tmpdir(), 'minsheng-jest-h5-'));
  const stack: Stack = await startStack({ h5Dir }).catch((error: unknown) => {
    rmSync(h5Dir, { recursive: true, force: true });
    throw error;
  });
  // Read by test/environment.js (the page's origin) and src/testing/bff.ts (test data, made straight on the BFF).
  process.env.MINSHENG_TEST_APP_URL = stack.appUrl;
  process.env.MINSHENG_TEST_BFF_URL = stack.bffUrl;
  // Read by src/testing/bff.ts for what no request can set up (a submission backdated).
  process.env.MINSHENG_TEST_DB_URL = stack.dbUrl;
  Object.assign(globalThis, { __minshengStack: { stack, h5Dir } });
}
