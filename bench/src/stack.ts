import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, provideMongo, type MongoProvision } from '@minsheng/bff/src/db/provision';

export { freePort };

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const ADMIN = { username: 'bench-admin', password: 'bench-admin-password' };

/** Stops of everything started and not yet stopped, for an interrupted run. */
export const running = new Set<() => Promise<void>>();

/** Registers `stop` until it has run once. */
function tracked(stop: () => Promise<void>): () => Promise<void> {
  const once = async () => {
    running.delete(once);
    await stop();
  };
  running.add(once);
  return once;
}

export interface BenchDatabase extends MongoProvision {
  /** The URI with the bench's database name, as the BFF processes get it. */
  dbUri: string;
  dataDir: string;
}

/**
 * The database the product would use here (bff/src/db/provision.ts: MONGODB_URI,
 * a mongod on PATH, or the embedded FerretDB), with its files in a fresh folder.
 */
export async function startDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'minsheng-bench-'));
  const db = await provideMongo({ mongodbUri: process.env.MONGODB_URI, dataDir, name: 'bench', log });
  const dbUri = db.source === 'env' ? (process.env.MONGODB_URI ?? db.uri) : `${db.uri}minsheng_bench`;
  return {
    ...db,
    dbUri,
    dataDir,
    stop: tracked(async () => {
      await db.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }),
  };
}

/** Secrets shared by every BFF process of a run, so a token from one is good at all (state only in the database). */
export function benchSecrets(): { TOKEN_SECRET: string; PII_KEY: string } {
  return { TOKEN_SECRET: randomBytes(48).toString('base64url'), PII_KEY: randomBytes(32).toString('base64') };
}

export interface BffProcess {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts bff/src/server.ts as one real node process (node --import tsx, so
 * its pid is the server's own, for RSS sampling and --cpu-prof) and waits for
 * /readyz.
 */
export async function startBff(options: {
  dbUri: string;
  secrets: { TOKEN_SECRET: string; PII_KEY: string };
  dataDir: string;
  nodeArgs?: string[];
}): Promise<BffProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/server.ts'], {
    cwd: path.join(REPO_ROOT, 'bff'),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: options.dataDir,
      LOG_LEVEL: 'warn',
      MONGODB_URI: options.dbUri,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      ...options.secrets,
    },
    stdio: ['ignore', openSync(path.join(options.dataDir, `bff-${port}.log`), 'a'), 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = tracked(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(timer);
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the BFF exited with ${child.exitCode} before it was ready`);
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the BFF was not ready within 120 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (child.pid === undefined) throw new Error('the BFF has no pid');
  return { url, port, pid: child.pid, child, stop };
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux; clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at ") "; utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Where Debian's nginx is, or null with the reason printed by the caller. */
export function findNginx(): string | null {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(candidate)) return candidate;
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

export interface Proxy {
  url: string;
  stop(): Promise<void>;
}

/**
 * nginx in the foreground as the current user, config and temp files in a
 * fresh folder, loopback only, round robin over the given BFF ports with
 * keep-alive upstream connections.
 */
export async function startNginx(binary: string, upstreamPorts: number[]): Promise<Proxy> {
  const prefix = mkdtempSync(path.join(os.tmpdir(), 'minsheng-nginx-'));
  const port = await freePort();
  const conf = path.join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  upstream bff {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://bff;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
    }
  }
}
`,
  );
  const child = spawn(binary, ['-c', conf, '-p', prefix, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (
    !(await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}; see ${prefix}/error.log`);
    if (Date.now() > deadline) throw new Error('nginx did not answer within 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: tracked(async () => {
      if (child.exitCode === null) {
        child.kill('SIGQUIT');
        await exited;
      }
      rmSync(prefix, { recursive: true, force: true });
    }),
  };
}
