import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { provideMongo } from '@minsheng/bff/src/db/provision';
import { startBffProcess } from '@minsheng/bff/test/kit/process';
import { WEAPP_DIR } from './runtime';

/** The administrator the BFF process is started with. */
export const ADMIN = { username: 'weapp-admin', password: 'weapp-admin-password' };

/** A database and the BFF as a real process on it, for the whole run; the weapp build must exist. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(path.join(WEAPP_DIR, 'app.json'))) {
    throw new Error(`No weapp build in ${WEAPP_DIR}: run npm run build:weapp -w @minsheng/miniapp first`);
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'minsheng-weapp-test-'));
  const db = await provideMongo({ mongodbUri: process.env.MONGODB_URI, dataDir, name: 'weapp' });
  const bff = await startBffProcess({
    mongodbUri: db.source === 'env' ? db.uri : `${db.uri}minsheng_weapp`,
    env: { LOG_LEVEL: 'warn', ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password },
  }).catch(async (error: unknown) => {
    await db.stop();
    throw error;
  });
  process.env.WEAPP_BFF_URL = bff.url;
  (globalThis as { __weappStack?: () => Promise<void> }).__weappStack = async () => {
    const output = bff.output().trim();
    if (output) process.stderr.write(`[weapp-test BFF]\n${output}\n`);
    await bff.stop();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
