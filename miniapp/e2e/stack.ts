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
  /** The BFF's database (Bff `mongodbUri`). */
  dbUrl: string;
  appUrl: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** What the H5 server serves besides /api; the H5 build unless given. */
  h5Dir?: string;
}

export interface Bff {
  url: string;
  /** The BFF's database, for tests that must set up what no request can (an application submitted long ago). */
  mongodbUri: string;
  stop(): Promise<void>;
}

/**
 * Starts a database and the BFF as a real process on it, with `admin` as its
 * administrator; `name` names the database and the BFF's output printed on
 * stopping (its warnings and errors, for a failed run). The database is
 * started first and listens before the BFF's port is chosen, so the two can
 * never be handed the same free port. The browser tests' stack and the weapp
 * tests start their BFF so.
 */
export async function startBff({ name, admin }: { name: string; admin: { username: string; password: string } }): Promise<Bff> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `minsheng-${name}-`));
  const stops: (() => Promise<void>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const db = await provideMongo({ mongodbUri: process.env.MONGODB_URI, dataDir, name });
    stops.push(() => db.stop());
    const mongodbUri = db.source === 'env' ? db.uri : `${db.uri}minsheng_${name}`;
    const bff = await startBffProcess({
      mongodbUri,
      env: { LOG_LEVEL: 'warn', ADMIN_USERNAME: admin.username, ADMIN_PASSWORD: admin.password },
    });
    stops.push(async () => {
      const output = bff.output().trim();
      if (output) process.stderr.write(`[${name} BFF]\n${output}\n`);
      await bff.stop();
    });
    return { url: bff.url, mongodbUri, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Starts the BFF (startBff) and the H5 server in front of it. */
export async function startStack({ h5Dir = H5_DIR }: StackOptions = {}): Promise<Stack> {
  if (h5Dir === H5_DIR && !existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error(`No H5 build in ${H5_DIR}: run npm run build:h5 -w @minsheng/miniapp first`);
  }
  const bff = await startBff({ name: 'e2e', admin: ADMIN });
  try {
    const { startH5Server } = require(path.join(REPO_ROOT, 'scripts', 'h5-server.cjs')) as {
      startH5Server(o: { dir: string; port: number; host: string; apiTarget: string }): Promise<{ url: string; close(): Promise<void> }>;
    };
    const h5 = await startH5Server({ dir: h5Dir, port: 0, host: '127.0.0.1', apiTarget: bff.url });
    return {
      bffUrl: bff.url,
      dbUrl: bff.mongodbUri,
      appUrl: h5.url,
      stop: async () => {
        await h5.close();
        await bff.stop();
      },
    };
  } catch (error) {
    await bff.stop();
    throw error;
  }
}
