import { existsSync } from 'node:fs';
import path from 'node:path';
import { startBff } from '../e2e/stack';
import { WEAPP_DIR } from './runtime';

/** The administrator the BFF process is started with. */
export const ADMIN = { username: 'weapp-admin', password: 'weapp-admin-password' };

/** A database and the BFF as a real process on it, for the whole run; the weapp build must exist. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(path.join(WEAPP_DIR, 'app.json'))) {
    throw new Error(`No weapp build in ${WEAPP_DIR}: run npm run build:weapp -w @minsheng/miniapp first`);
  }
  const bff = await startBff({ name: 'weapp', admin: ADMIN });
  process.env.WEAPP_BFF_URL = bff.url;
  (globalThis as { __weappStack?: () => Promise<void> }).__weappStack = bff.stop;
}
