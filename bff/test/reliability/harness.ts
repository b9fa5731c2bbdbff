import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { ProfileInput } from '@minsheng/shared';
import { REPO_ROOT } from '../../src/config';
import { ensureFerretdb } from '../../src/db/provision';
import { startBffProcess, type BffProcess as RunningBff } from '../kit';
import { idNumber, profileInput } from '../kit';

// Tools of the reliability suite: real processes it can kill, HTTP clients that retry, and the figures it reports.

export const ARTIFACTS = path.join(REPO_ROOT, 'artifacts', 'reliability');

/**
 * Size of a test: from the environment (e.g. RELIABILITY_RETRIES=5000), else
 * `full` with RELIABILITY_SIZE=full (`npm run test:reliability`), else `ci`,
 * the smaller size `npm test` runs every scenario at.
 */
export function size(name: string, ci: number, full: number = ci): number {
  const raw = process.env[`RELIABILITY_${name}`];
  const n = raw === undefined ? NaN : Number(raw);
  if (Number.isInteger(n) && n > 0) return n;
  return process.env.RELIABILITY_SIZE === 'full' ? full : ci;
}

/** Prints the figures of a run and writes them to artifacts/reliability/<name>.json for the docs. */
export function report(name: string, figures: Record<string, unknown>): void {
  const record = { test: name, at: new Date().toISOString(), ...figures };
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  console.log(`[reliability] ${name}\n${JSON.stringify(record, null, 2)}`);
}

/**
 * The answers that were not `expected`, each with its error and the lines the BFF logged for its request id,
 * so that a failed run says what went wrong (the BFF's log is otherwise only in memory).
 */
export function unexpectedAnswers(answers: Answer[], expected: number, log: string): Record<string, unknown>[] {
  const lines = log.split('\n');
  return answers
    .filter((a) => a.status !== expected)
    .map((a) => {
      const requestId = a.headers.get('x-request-id') ?? '';
      return { status: a.status, error: a.body.error, requestId, log: requestId ? lines.filter((l) => l.includes(requestId)) : [] };
    });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The fields of answers the suite reads; the rest is kept as it came. */
export interface AnswerBody {
  id?: string;
  number?: string;
  status?: string;
  version?: number;
  token?: string;
  error?: { code?: string; message?: string };
  [field: string]: unknown;
}

export interface Answer {
  status: number;
  body: AnswerBody;
  headers: Headers;
  ms: number;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Gives up on the request after this many ms (the client "lost" the answer). */
  abortAfterMs?: number;
}

/** One HTTP request; network failures and aborts reject. */
export async function call(baseUrl: string, method: string, url: string, options: CallOptions = {}): Promise<Answer> {
  const started = Date.now();
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    ...(options.abortAfterMs === undefined ? {} : { signal: AbortSignal.timeout(options.abortAfterMs) }),
  });
  const text = await res.text();
  let body: AnswerBody = {};
  try {
    body = text ? (JSON.parse(text) as AnswerBody) : {};
  } catch {
    body = { raw: text };
  }
  return { status: res.status, body, headers: res.headers, ms: Date.now() - started };
}

export interface RetryTally {
  attempts: number;
  networkErrors: number;
  unavailable: number;
}

export const newTally = (): RetryTally => ({ attempts: 0, networkErrors: 0, unavailable: 0 });

/**
 * What a well-behaved client does: resend the same request (same
 * Idempotency-Key) after a network failure or a 503, until it gets any other
 * answer or `deadlineMs` passes.
 */
export async function untilAnswered(send: () => Promise<Answer>, tally: RetryTally, deadlineMs = 120_000): Promise<Answer> {
  const deadline = Date.now() + deadlineMs;
  for (let attempt = 0; ; attempt += 1) {
    tally.attempts += 1;
    try {
      const answer = await send();
      if (answer.status !== 503) return answer;
      tally.unavailable += 1;
    } catch {
      tally.networkErrors += 1;
    }
    if (Date.now() > deadline) throw new Error(`no answer within ${deadlineMs} ms`);
    await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random()));
  }
}

/** The profile of the i-th test resident: a valid, distinct ID number for each i. */
export function residentProfile(i: number): ProfileInput {
  const birth = `19${String(70 + Math.floor(i / 1000)).padStart(2, '0')}0315`;
  return profileInput({ idNumber: idNumber(i % 1000, birth), mobile: `137${String(i).padStart(8, '0')}` });
}

/** Logs a resident in through the WeChat stand-in and saves the profile; returns the token. */
export async function createResident(baseUrl: string, i: number, tag: string): Promise<string> {
  const tally = newTally();
  const login = await untilAnswered(() => call(baseUrl, 'POST', '/api/auth/wechat', { body: { code: `dev:${tag}-${i}` } }), tally);
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const token = String(login.body.token);
  const saved = await untilAnswered(() => call(baseUrl, 'PUT', '/api/me', { token, body: residentProfile(i) }), tally);
  if (saved.status !== 200) throw new Error(`profile failed: ${saved.status} ${JSON.stringify(saved.body)}`);
  return token;
}

async function waitFor(check: () => Promise<boolean>, child: ChildProcess, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited before it was ready`);
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} was not ready within ${timeoutMs} ms`);
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A FerretDB process of the test's own, on a fixed port and data dir, so it can be killed and started again. */
export class Database {
  private child: ChildProcess | null = null;
  constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  uri(dbName: string): string {
    return `mongodb://127.0.0.1:${this.port}/${dbName}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.dataDir, { recursive: true });
    const child = spawn(ensureFerretdb(), ['--listen-addr', `127.0.0.1:${this.port}`, '--data-dir', this.dataDir], {
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    this.child = child;
    await waitFor(() => portOpen(this.port), child, 'FerretDB', 30_000);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Sends a signal to the database process: SIGKILL to crash it, SIGSTOP/SIGCONT to freeze and thaw it. */
  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited(child);
    this.child = null;
  }
}

/** The BFF as a real process on a fixed port, so it can be killed and started again where it was. */
export class BffProcess {
  private running: RunningBff | null = null;
  readonly url: string;
  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    this.running = await startBffProcess({ port: this.port, env: { LOG_LEVEL: 'warn', ...this.env } });
  }

  get pid(): number | undefined {
    return this.running?.pid;
  }

  /** What the process wrote so far (warnings and errors), to read after a run. */
  get log(): string {
    return this.running?.output() ?? '';
  }

  /** SIGKILL: no graceful shutdown, in-flight requests die with the process. */
  async kill(): Promise<void> {
    await this.running?.kill();
    this.running = null;
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = null;
  }
}
