import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { freePort } from '../../src/db/provision';

export interface BffProcess {
  url: string;
  port: number;
  child: ChildProcess;
  pid: number;
  /** The DATA_DIR it was given (its own database's files, when no `mongodbUri`). */
  dataDir: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; removes the data folder it made. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL, as a crash: no graceful shutdown, in-flight requests die with the process. */
  kill(): Promise<void>;
}

export interface BffProcessOptions {
  mongodbUri?: string;
  env?: Record<string, string>;
  /** A fixed port, for a process started again where the last one was; a free one otherwise. */
  port?: number;
  /** Options of node itself, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

/**
 * Starts `src/server.ts` as a real process on a free loopback port, the way an
 * operator runs it, and waits until /readyz answers. Without `mongodbUri` the
 * server provisions its own database under a fresh DATA_DIR. The one way tests,
 * the browser tests' stack, the fuzzer and the benchmarks start a BFF.
 */
export async function startBffProcess(options: BffProcessOptions = {}): Promise<BffProcess> {
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'minsheng-bff-'));
  // Node itself with tsx as a loader, not the tsx command: the command runs the
  // server in a child of its own, which a SIGKILL of the command leaves running.
  // The database is the one given, or the server's own: never one the test run's environment names.
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited.MONGODB_URI;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/server.ts'], {
    cwd: path.join(REPO_ROOT, 'bff'),
    env: {
      ...inherited,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...(options.mongodbUri ? { MONGODB_URI: options.mongodbUri } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (b: Buffer) => chunks.push(b.toString('utf8')));
  child.stderr?.on('data', (b: Buffer) => chunks.push(b.toString('utf8')));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (graceMs = 15_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the BFF exited with ${child.exitCode} before it was ready:\n${chunks.join('')}`);
    }
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the BFF was not ready within 120 s:\n${chunks.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (child.pid === undefined) throw new Error('the BFF has no pid');
  return { url, port, child, pid: child.pid, dataDir, output: () => chunks.join(''), exited, stop, kill };
}
