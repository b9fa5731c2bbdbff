import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, provideMongo, type MongoProvision } from '@minsheng/bff/src/db/provision';
import { startBffProcess, type BffProcess } from '@minsheng/bff/test/kit/process';

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

export type { BffProcess } from '@minsheng/bff/test/kit/process';

/**
 * Starts bff/src/server.ts as one real node process (the test kit's
 * startBffProcess: node --import tsx, so its pid is the server's own, for RSS
 * sampling and --cpu-prof) on the run's database, and waits for /readyz.
 */
export async function startBff(options: {
  dbUri: string;
  secrets: { TOKEN_SECRET: string; PII_KEY: string };
  /** The run's folder (the database's), the BFF's DATA_DIR. */
  dataDir: string;
  nodeArgs?: string[];
}): Promise<BffProcess> {
  const bff = await startBffProcess({
    mongodbUri: options.dbUri,
    nodeArgs: options.nodeArgs ?? [],
    env: {
      LOG_LEVEL: 'warn',
      DATA_DIR: options.dataDir,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      ...options.secrets,
    },
  });
  const stop = tracked(async () => {
    // What the BFF logged (warnings and errors), for a run that went wrong.
    const output = bff.output().trim();
    if (output) process.stderr.write(`[bench BFF ${bff.port}]\n${output}\n`);
    await bff.stop();
  });
  return { ...bff, stop };
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
