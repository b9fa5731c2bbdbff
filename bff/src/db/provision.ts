import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT, searchPath } from '../config';

/**
 * The one place that answers "give me a MongoDB":
 *   1. MONGODB_URI when set (production: a MongoDB replica set);
 *   2. a `mongod` on PATH, started on a free loopback port;
 *   3. the project's embedded FerretDB (SQLite backend), built with Go on first use.
 * Local data lives under DATA_DIR so it survives restarts.
 */
export interface MongoProvision {
  uri: string;
  source: 'env' | 'mongod' | 'ferretdb';
  /** A sentence for the console: what was chosen and how to change it. */
  description: string;
  /** The engine's process when this module started one (mongod or FerretDB), for measurements. */
  pid?: number;
  stop(): Promise<void>;
}

export interface ProvisionOptions {
  mongodbUri?: string | undefined;
  dataDir: string;
  /** Subfolder of dataDir for this database's files (e.g. "db" or "test-1234"). */
  name?: string;
  log?: (line: string) => void;
}

const FERRETDB_SOURCE = path.join(REPO_ROOT, 'tools', 'ferretdb');

export async function provideMongo(options: ProvisionOptions): Promise<MongoProvision> {
  const log = options.log ?? (() => undefined);
  if (options.mongodbUri) {
    return {
      uri: options.mongodbUri,
      source: 'env',
      description: 'Using the MongoDB at MONGODB_URI.',
      stop: async () => undefined,
    };
  }
  const name = options.name ?? 'db';
  if (onPath('mongod')) {
    const dbPath = path.join(options.dataDir, 'mongod', name);
    return startEngine(
      'mongod',
      dbPath,
      (port) => spawn('mongod', ['--dbpath', dbPath, '--bind_ip', '127.0.0.1', '--port', String(port)], { stdio: 'ignore' }),
      (port) => `Started mongod from PATH on 127.0.0.1:${port}, data in ${dbPath}. Set MONGODB_URI to use another MongoDB.`,
    );
  }
  if (onPath('go') || existsSync(ferretdbBinary())) {
    const binary = ensureFerretdb(log);
    const dataPath = path.join(options.dataDir, 'ferretdb', name);
    return startEngine(
      'ferretdb',
      dataPath,
      (port) => spawn(binary, ['--listen-addr', `127.0.0.1:${port}`, '--data-dir', dataPath], { stdio: ['ignore', 'ignore', 'inherit'] }),
      (port) =>
        `Started the embedded FerretDB (SQLite) on 127.0.0.1:${port}, data in ${dataPath}. Set MONGODB_URI to use a real MongoDB instead.`,
    );
  }
  throw new Error(
    [
      'No MongoDB is available. Do one of:',
      '  - set MONGODB_URI to a MongoDB you run (e.g. mongodb://127.0.0.1:27017/minsheng);',
      '  - install MongoDB so that `mongod` is on PATH;',
      '  - install Go (https://go.dev/dl/, or `apt-get install golang`) and the embedded FerretDB is built on first use;',
      '  - where the internet is reachable, mongodb-memory-server can download a MongoDB for you.',
    ].join('\n'),
  );
}

/**
 * Starts an engine on a free loopback port with its files in `dataDir`: the folder is held for it (one engine a
 * folder), the engine ends with this process, and the answer comes once the port takes connections.
 */
async function startEngine(
  source: 'mongod' | 'ferretdb',
  dataDir: string,
  spawnOn: (port: number) => ChildProcess,
  describe: (port: number) => string,
): Promise<MongoProvision> {
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const lock = holdDataDir(dataDir);
  const child = spawnOn(port);
  lock.engine(child);
  endWithThisProcess(child);
  await waitForPort(port, child, source);
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    source,
    ...(child.pid ? { pid: child.pid } : {}),
    description: describe(port),
    stop: () => stopChild(child).then(lock.release),
  };
}

/**
 * The built binary is a tool, not data: it lives in the repository's own
 * .data/bin whatever DATA_DIR is, so test runs with a fresh DATA_DIR reuse it.
 */
export function ferretdbBinary(): string {
  return path.join(REPO_ROOT, '.data', 'bin', 'ferretdb');
}

/** Builds tools/ferretdb, with its source patches applied, when the binary is missing or older than its source. */
export function ensureFerretdb(log: (line: string) => void = () => undefined): string {
  const binary = ferretdbBinary();
  const newestSource = Math.max(...readdirSync(FERRETDB_SOURCE).map((f) => statSync(path.join(FERRETDB_SOURCE, f)).mtimeMs));
  if (existsSync(binary) && statSync(binary).mtimeMs >= newestSource) return binary;
  if (!onPath('go')) {
    if (existsSync(binary)) return binary;
    throw new Error('The embedded FerretDB needs Go to build: install Go or set MONGODB_URI.');
  }
  log('Building the embedded FerretDB with Go (first use only, about a minute)...');
  mkdirSync(path.dirname(binary), { recursive: true });
  const modfile = writePatchedModules();
  const result = spawnSync('go', ['build', '-modfile', modfile, '-o', binary, '.'], {
    cwd: FERRETDB_SOURCE,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error('Building FerretDB failed (see the Go output above).');
  return binary;
}

/** One change to a file of the pinned FerretDB module, applied at build time (tools/ferretdb/patches.json). */
export interface SourcePatch {
  module: string;
  file: string;
  find: string;
  replace: string;
  why: string;
}

/**
 * Copies each patched module out of Go's module cache (whose files Go refuses
 * to overlay), applies its patches, and writes a go.mod beside tools/ferretdb's
 * own that replaces the module with the copy, for `go build -modfile`.
 */
function writePatchedModules(): string {
  const patches = JSON.parse(readFileSync(path.join(FERRETDB_SOURCE, 'patches.json'), 'utf8')) as SourcePatch[];
  const buildDir = path.join(REPO_ROOT, '.data', 'build', 'ferretdb');
  rmSync(buildDir, { recursive: true, force: true });
  const replaced = new Map<string, string>();
  for (const patch of patches) {
    let copy = replaced.get(patch.module);
    if (!copy) {
      const download = spawnSync('go', ['mod', 'download', '-json', patch.module], { cwd: FERRETDB_SOURCE, encoding: 'utf8' });
      if (download.status !== 0) throw new Error(`Could not download ${patch.module} to patch it:\n${download.stdout}${download.stderr}`);
      copy = path.join(buildDir, 'modules', String(replaced.size));
      copyWritable((JSON.parse(download.stdout) as { Dir: string }).Dir, copy);
      replaced.set(patch.module, copy);
    }
    const file = path.join(copy, patch.file);
    writeFileSync(file, patchedSource(readFileSync(file, 'utf8'), patch));
  }
  const replaces = [...replaced].map(([module, dir]) => `replace ${module} => ${dir}\n`).join('');
  const modfile = path.join(buildDir, 'go.mod');
  writeFileSync(modfile, readFileSync(path.join(FERRETDB_SOURCE, 'go.mod'), 'utf8') + '\n' + replaces);
  writeFileSync(path.join(buildDir, 'go.sum'), readFileSync(path.join(FERRETDB_SOURCE, 'go.sum')));
  return modfile;
}

/** The file's text with the patch applied; refuses unless the patch's text occurs exactly once. */
export function patchedSource(text: string, patch: SourcePatch): string {
  const found = text.split(patch.find).length - 1;
  if (found !== 1) {
    throw new Error(
      `tools/ferretdb/patches.json: expected ${JSON.stringify(patch.find)} once in ${patch.module}/${patch.file}, found it ${found} times. The pinned module changed; review the patch (${patch.why}).`,
    );
  }
  return text.replace(patch.find, patch.replace);
}

/** A copy of a directory tree with ordinary permissions (the module cache's files are read-only). */
function copyWritable(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyWritable(source, target);
    else if (entry.isFile()) writeFileSync(target, readFileSync(source));
  }
}

function onPath(command: string): boolean {
  return searchPath()
    .split(path.delimiter)
    .some((dir) => dir !== '' && existsSync(path.join(dir, command)));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${what} exited before it accepted connections`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${what} did not accept connections on 127.0.0.1:${port} within 30 s`);
}

/** The lock file in a data directory: who started its engine, and the engine's pid once spawned. */
export const ENGINE_LOCK = 'engine.lock';

interface EngineLock {
  owner: number;
  engine?: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of a live process, or '' (no /proc, or gone). */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Why the lock's holder still holds the directory, or null when the lock is stale (its processes are gone). */
function heldBy(lock: EngineLock, dir: string): string | null {
  if (lock.engine !== undefined && isAlive(lock.engine) && commandLine(lock.engine).includes(dir)) {
    return `a database engine (pid ${lock.engine}) is running on it`;
  }
  if (lock.engine === undefined && isAlive(lock.owner)) return `a server (pid ${lock.owner}) is starting an engine on it`;
  return null;
}

/**
 * Claims a data directory for one engine. Two engines on the same files
 * corrupt them, and nothing in FerretDB's SQLite store refuses a second one
 * (seen: after a kill -9 of the BFF, the next `npm start` started a second
 * engine on the directory the first still held). The claim is an exclusive
 * create of a lock file, so of two starts at once one wins; a lock left by
 * processes that are gone is taken over.
 */
export function holdDataDir(dir: string): { engine(child: ChildProcess): void; release(): void } {
  const file = path.join(dir, ENGINE_LOCK);
  const write = (lock: EngineLock, flag: 'wx' | 'w') => writeFileSync(file, JSON.stringify(lock), { flag });
  for (let attempt = 0; ; attempt += 1) {
    try {
      write({ owner: process.pid }, 'wx');
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
      let lock: EngineLock = { owner: -1 };
      try {
        lock = JSON.parse(readFileSync(file, 'utf8')) as EngineLock;
      } catch {
        // Unreadable or half written by a process that died: stale.
      }
      const holder = heldBy(lock, dir);
      if (holder) {
        throw new Error(`The data directory ${dir} is in use: ${holder}. Stop that process first, or set DATA_DIR to another folder.`);
      }
      rmSync(file, { force: true });
    }
  }
  return {
    engine: (child) => {
      if (child.pid) write({ owner: process.pid, engine: child.pid }, 'w');
    },
    release: () => rmSync(file, { force: true }),
  };
}

/**
 * Ends an engine this process started when this process ends, however it
 * ends. A SIGKILL or a crash of the BFF runs no shutdown code, and the engine
 * lived on, holding its port and data directory. A shell waits on the read end
 * of a pipe whose write end only this process holds: when the process is
 * gone the read sees end-of-file and the shell sends the engine SIGTERM
 * (Linux would offer PR_SET_PDEATHSIG, which Node cannot set on a child).
 */
function endWithThisProcess(child: ChildProcess): void {
  if (!child.pid || !existsSync('/bin/sh')) return;
  const watch = spawn('/bin/sh', ['-c', 'read -r _; kill -TERM "$1" 2>/dev/null', 'engine-watch', String(child.pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  // Neither the watcher nor its pipe keeps this process's event loop alive.
  watch.unref();
  (watch.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  child.once('exit', () => watch.kill('SIGKILL'));
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
