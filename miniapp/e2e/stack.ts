import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { provideMongo } from '@minsheng/bff/src/db/provision';
import { startBffProcess } from '@minsheng/bff/test/kit/process';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const H5_DIR = path.join(REPO_ROOT, 'miniapp', 'dist', 'h5');
export const ADMIN = { username: 'e2e-admin', password: 'e2e-admin-password' };

export interface Stack {
  bffUrl: string;
  appUrl: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** What the H5 server serves besides /api; the H5 build unless given. */
  h5Dir?: string;
}

/**
 * Starts a database, the BFF as a real process on it, and the H5 server in
 * front of it. The database is started first and listens before the BFF's
 * port is chosen, so the two can never be handed the same free port.
 */
export async function startStack({ h5Dir = H5_DIR }: StackOptions = {}): Promise<Stack> {
  if (h5Dir === H5_DIR && !existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error(`No H5 build in ${H5_DIR}: run npm run build:h5 -w @minsheng/miniapp first`);
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'minsheng-e2e-'));
  const stops: (() => Promise<void>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const db = await provideMongo({ mongodbUri: process.env.MONGODB_URI, dataDir, name: 'e2e' });
    stops.push(() => db.stop());
    const bff = await startBffProcess({
      mongodbUri: db.source === 'env' ? db.uri : `${db.uri}minsheng_e2e`,
      env: { LOG_LEVEL: 'warn', ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password },
    });
    stops.push(async () => {
      // What the BFF logged (warnings and errors), for a failed run.
      const output = bff.output().trim();
      if (output) process.stderr.write(`[e2e BFF]\n${output}\n`);
      await bff.stop();
    });
    const { startH5Server } = require(path.join(REPO_ROOT, 'scripts', 'h5-server.cjs')) as {
      startH5Server(o: { dir: string; port: number; host: string; apiTarget: string }): Promise<{ url: string; close(): Promise<void> }>;
    };
    const h5 = await startH5Server({ dir: h5Dir, port: 0, host: '127.0.0.1', apiTarget: bff.url });
    stops.push(() => h5.close());
    return { bffUrl: bff.url, appUrl: h5.url, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
