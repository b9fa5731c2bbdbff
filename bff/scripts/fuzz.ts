/**
 * Fuzzes the running BFF with schemathesis (from PyPI) against its own
 * OpenAPI document: a real server process on loopback with the seed catalog,
 * a resident's token for the resident routes and an administrator's for the
 * staff routes. Runs all of schemathesis's checks (5xx, responses and statuses
 * against the document, valid requests accepted, invalid ones refused, Allow and
 * 405, …); the operation-level exclusions and their reasons are in schemathesis.toml.
 *
 *   npm run fuzz -w @minsheng/bff            (FUZZ_EXAMPLES=20 FUZZ_SEED=1 by default; part of npm test)
 *
 * schemathesis is installed on first use into .data/schemathesis-venv (git-ignored).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../src/config';
import { startBffProcess } from '../test/kit/process';
import { idNumber } from '../test/kit/factories';
import { PRIVACY_NOTICE } from '@minsheng/shared';

const VERSION = '4.32.5';
const VENV = path.join(REPO_ROOT, '.data', 'schemathesis-venv');
const BIN = path.join(VENV, 'bin', 'schemathesis');
const REPORTS = path.join(REPO_ROOT, 'artifacts', 'fuzz');
const ADMIN = { username: 'fuzz-admin', password: 'fuzz-admin-password' };
/** Every check schemathesis has is on by default; the config file sets the response-time limit and the few operation-level exclusions (--checks on the command line would override them). */
const CONFIG = path.join(__dirname, 'schemathesis.toml');

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Installs the pinned schemathesis into a venv under .data unless it is there already. */
function ensureSchemathesis(): void {
  const installed = existsSync(BIN) ? spawnSync(BIN, ['--version'], { encoding: 'utf8' }).stdout : '';
  if (installed.includes(VERSION)) return;
  process.stdout.write(`Installing schemathesis ${VERSION} into ${VENV} ...\n`);
  if (run('python3', ['-m', 'venv', VENV]) !== 0) throw new Error('python3 -m venv failed (Debian: apt-get install python3-venv)');
  if (run(path.join(VENV, 'bin', 'pip'), ['install', '--quiet', `schemathesis==${VERSION}`]) !== 0)
    throw new Error('pip install schemathesis failed');
}

async function json(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** The figures of one run, read from schemathesis's summary. */
function figures(output: string): { operations: string; cases: string; failures: number; errors: number; finished: boolean } {
  const sum = (re: RegExp) => [...output.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  return {
    operations: /Tested:\s+(\d+)/.exec(output)?.[1] ?? '?',
    cases: /(\d+) generated/.exec(output)?.[1] ?? '?',
    // Summary lines: "❌ ST101 Server error: 3" are findings about the API; "🚫 Network Error: 1" are the tool's own troubles.
    failures: sum(/❌ ST\d+ [^:\n]+: (\d+)/g),
    errors: sum(/🚫 [^:\n]+: (\d+)/g),
    finished: /Test cases:/.test(output),
  };
}

async function main(): Promise<void> {
  ensureSchemathesis();
  mkdirSync(REPORTS, { recursive: true });
  const examples = process.env.FUZZ_EXAMPLES ?? '20';
  const seed = process.env.FUZZ_SEED ?? '1';
  const bff = await startBffProcess({
    ...(process.env.FUZZ_MONGODB_URI ? { mongodbUri: process.env.FUZZ_MONGODB_URI } : {}),
    env: { ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'warn' },
  });
  let failed = false;
  const summary: string[] = [];
  try {
    const resident = await json(`${bff.url}/api/auth/wechat`, { method: 'POST', body: JSON.stringify({ code: 'dev:fuzz-resident' }) });
    const residentToken = String(resident.token);
    await json(`${bff.url}/api/me`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${residentToken}` },
      body: JSON.stringify({
        name: '测试居民',
        idNumber: idNumber(1, '19900101'),
        mobile: '13900000001',
        community: 'jmjy',
        householdType: 'urban',
        categories: ['laid_off', 'registered_unemployed'],
        privacyNoticeVersion: PRIVACY_NOTICE.version,
      }),
    });
    const staff = await json(`${bff.url}/api/admin/login`, { method: 'POST', body: JSON.stringify(ADMIN) });
    const staffToken = String(staff.token);

    const runs = [
      // Everything outside /api/admin (public and resident routes) with the resident's token.
      // Logging out ends the very token the fuzzer uses: the logout routes are left to the security tests.
      { name: 'resident', token: residentToken, include: '^/(?!api/admin|api/auth/logout$)' },
      // An administrator who changes their own password ends their own sessions: the account routes run last.
      { name: 'staff', token: staffToken, include: '^/api/admin/(?!staff/|logout$)' },
      { name: 'staff-accounts', token: staffToken, include: '^/api/admin/staff/' },
    ];
    for (const r of runs) {
      process.stdout.write(`\n=== schemathesis as ${r.name}: ${examples} examples per operation, seed ${seed} ===\n`);
      const result = spawnSync(
        BIN,
        [
          '--config-file',
          CONFIG,
          'run',
          `${bff.url}/api/openapi.json`,
          '--url',
          bff.url,
          '--header',
          `Authorization: Bearer ${r.token}`,
          '--include-path-regex',
          r.include,
          '--max-examples',
          examples,
          '--seed',
          seed,
          '--phases',
          'examples,coverage,fuzzing',
          // One worker: hypothesis's lambda-source cache is not thread-safe (seen as "AST constructor recursion depth mismatch").
          '--workers',
          '1',
          '--request-timeout',
          '60',
          '--suppress-health-check',
          'all',
          '--report',
          'junit,ndjson',
          '--report-junit-path',
          path.join(REPORTS, `${r.name}.junit.xml`),
          '--report-ndjson-path',
          path.join(REPORTS, `${r.name}.ndjson`),
          '--output-sanitize',
          'true',
        ],
        {
          cwd: REPORTS,
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' },
        },
      );
      process.stdout.write(result.stdout + result.stderr);
      const f = figures(result.stdout);
      summary.push(
        `[fuzz] ${r.name}: ${f.operations} operations, ${f.cases} requests, ${f.failures} failures, ${f.errors} tool errors (timeouts, generation)`,
      );
      // A finding fails the run; the tool's own hiccups (a request timing out on a loaded machine) are reported only.
      if (f.failures > 0 || !f.finished) failed = true;
    }
    const errors = bff
      .output()
      .split('\n')
      .filter((l) => l.includes('"level":50'));
    summary.push(`[fuzz] errors the server logged: ${errors.length}`);
    process.stdout.write(`\n${summary.join('\n')}\n`);
    if (errors.length > 0) {
      process.stdout.write(`${errors.slice(0, 5).join('\n')}\n`);
      failed = true;
    }
  } finally {
    await bff.stop();
  }
  if (failed) process.exit(1);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
