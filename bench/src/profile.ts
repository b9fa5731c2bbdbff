import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from './measure';
import { REPO_ROOT, startBff } from './stack';
import { submissionLoad, type Applicants } from './submit';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/**
 * Self time per function of a .cpuprofile over its last `windowS` seconds
 * (the load, not the start-up's module loading), highest first, idle left out.
 */
export function topFrames(file: string, windowS: number, n = 12): { frame: string; selfPercent: number }[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
    endTime: number;
    startTime: number;
  };
  const hitsById = new Map<number, number>();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (t >= profile.endTime - windowS * 1e6) hitsById.set(id, (hitsById.get(id) ?? 0) + 1);
  });
  const totals = new Map<string, number>();
  let all = 0;
  for (const node of profile.nodes) {
    if (node.callFrame.functionName === '(idle)') continue;
    const hits = hitsById.get(node.id) ?? 0;
    all += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^file:\/\//, '').replace(`${REPO_ROOT}/`, '')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    totals.set(key, (totals.get(key) ?? 0) + hits);
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([frame, hits]) => ({ frame, selfPercent: Math.round((hits / all) * 1000) / 10 }));
}

/**
 * A BFF started under `node --cpu-prof` serves catalog reads and submissions
 * for a few seconds each; the profile is written when it exits (into
 * artifacts/profiles/) and its top self-time frames are returned.
 */
export async function profileBff(options: Parameters<typeof startBff>[0], applicants: Applicants) {
  const dir = path.join(REPO_ROOT, 'artifacts', 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(dir, { recursive: true });
  const out: Record<string, unknown> = { dir: path.relative(REPO_ROOT, dir) };
  await applicants.reset();
  for (const [label, run] of [
    ['catalog', (url: string) => load({ url: `${url}/api/programs`, duration: 8 })],
    ['submit', (url: string) => load(submissionLoad(url, applicants, 8))],
  ] as const) {
    const sub = path.join(dir, label);
    const bff = await startBff({ ...options, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${sub}`] });
    try {
      out[`${label}Rps`] = Math.round((await run(bff.url)).rps * 10) / 10;
    } finally {
      await bff.stop();
    }
    const file = readdirSync(sub).find((f) => f.endsWith('.cpuprofile'));
    out[label] = file ? topFrames(path.join(sub, file), 8) : 'no profile written';
  }
  return out;
}
