import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './stack';

const H5_DIR = path.join(REPO_ROOT, 'miniapp', 'dist', 'h5');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the H5 mini-program when it is missing or older than its sources (as npm start does). */
export function ensureH5Build(log: (line: string) => void): void {
  const index = path.join(H5_DIR, 'index.html');
  const sources = ['miniapp/src', 'miniapp/config', 'shared/src'].map((d) => path.join(REPO_ROOT, d));
  if (existsSync(index) && sources.every((d) => newestMtime(d) <= statSync(index).mtimeMs)) return;
  log('Building the mini-program for H5...');
  const build = spawnSync('npm', ['run', 'build:h5', '-w', '@minsheng/miniapp'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (build.status !== 0) throw new Error(`the H5 build failed:\n${(build.stdout + build.stderr).slice(-3000)}`);
}

/** The initial JS budget check of miniapp/scripts/check-h5.mjs, its figures parsed. */
export function h5Sizes(): Record<string, unknown> {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'miniapp', 'scripts', 'check-h5.mjs'), '--json'], { encoding: 'utf8' });
  const json = run.stdout.split('\n').find((l) => l.startsWith('{'));
  return { ...(json ? (JSON.parse(json) as Record<string, unknown>) : {}), passed: run.status === 0 };
}

/** The weapp sizes printed by miniapp/scripts/check-weapp.mjs, when a weapp build is there (it is not built here: slow, and not needed for H5). */
export function weappSizes(): { lines: string[]; passed: boolean } | { skipped: string } {
  if (!existsSync(path.join(REPO_ROOT, 'miniapp', 'dist', 'weapp', 'app.json')))
    return { skipped: 'no weapp build: npm run build:weapp -w @minsheng/miniapp' };
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'miniapp', 'scripts', 'check-weapp.mjs')], { encoding: 'utf8' });
  return { lines: run.stdout.split('\n').filter((l) => l.startsWith('weapp ')), passed: run.status === 0 };
}

/** Lighthouse scores of the home, a programme and the apply page (bench/src/lighthouse.mjs, its own process). */
export function lighthouseScores(bffUrl: string, programId: string): unknown {
  if (!existsSync(process.env.CHROME_PATH ?? '/usr/bin/chromium'))
    return { skipped: 'no Chromium at /usr/bin/chromium (Debian package chromium) or CHROME_PATH' };
  const pages = [
    'home=#/pages/index/index',
    `programme=#/packages/apply/pages/program/index?id=${programId}`,
    `apply=#/packages/apply/pages/apply/index?programId=${programId}`,
  ];
  const run = spawnSync(process.execPath, [path.join(__dirname, 'lighthouse.mjs'), bffUrl, ...pages], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  const json = run.stdout.split('\n').find((l) => l.startsWith('['));
  if (!json) return { error: `Lighthouse failed: ${run.stderr.slice(-2000)}` };
  return { goals: { performance: 90, accessibility: 95 }, pages: JSON.parse(json) as unknown };
}
