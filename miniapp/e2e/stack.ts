import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@minsheng/bff/src/db/provision';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const H5_DIR = path.join(REPO_ROOT, 'miniapp', 'dist', 'h5');
export const ADMIN = { username: 'e2e-admin', password: 'e2e-admin-password' };

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the BFF exited with ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the BFF was not ready at ${url} within ${timeoutMs} ms`);
}

export interface Stack {
  bffUrl: string;
  appUrl: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** What the H5 server serves besides /api; the H5 build unless given. */
  h5Dir?: string;
}

/** Starts the BFF as a real process and the H5 server in front of it. */
export async function startStack({ h5Dir = H5_DIR }: StackOptions = {}): Promise<Stack> {
  if (h5Dir === H5_DIR && !existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error(`No H5 build in ${H5_DIR}: run npm run build:h5 -w @minsheng/miniapp first`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'minsheng-e2e-'));
  const bff = spawn(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['src/server.ts'], {
    cwd: path.join(REPO_ROOT, 'bff'),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const bffUrl = `http://127.0.0.1:${port}`;
  const stopBff = async () => {
    if (bff.exitCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => bff.kill('SIGKILL'), 15_000);
        bff.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        bff.kill('SIGTERM');
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitReady(`${bffUrl}/readyz`, bff, 120_000);
    const { startH5Server } = require(path.join(REPO_ROOT, 'scripts', 'h5-server.cjs')) as {
      startH5Server(o: { dir: string; port: number; host: string; apiTarget: string }): Promise<{ url: string; close(): Promise<void> }>;
    };
    const h5 = await startH5Server({ dir: h5Dir, port: 0, host: '127.0.0.1', apiTarget: bffUrl });
    return {
      bffUrl,
      appUrl: h5.url,
      async stop() {
        await h5.close();
        await stopBff();
      },
    };
  } catch (error) {
    await stopBff();
    throw error;
  }
}
