import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QUICK, interleave, load, summarisePair } from './measure';
import { freePort } from './stack';

/** Starts bench/src/bare-koa.ts in its own process serving `body`. */
export async function startBareKoa(body: Buffer): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'minsheng-bare-'));
  const file = path.join(dir, 'body.json');
  writeFileSync(file, body);
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'bare-koa.ts')], {
    env: { ...process.env, BODY_FILE: file, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`bare Koa exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** 1. GET /api/programs on the BFF vs a bare Koa server answering the same bytes, interleaved. */
export async function benchCatalog(bffUrl: string) {
  const res = await fetch(`${bffUrl}/api/programs`);
  if (!res.ok) throw new Error(`GET /api/programs answered ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  const bare = await startBareKoa(body);
  try {
    // Warm both (JIT, connection pools) before measuring.
    await load({ url: `${bffUrl}/api/programs`, duration: 1 });
    await load({ url: bare.url, duration: 1 });
    const pair = await interleave(
      QUICK ? 2 : 4,
      () => load({ url: `${bffUrl}/api/programs` }),
      () => load({ url: bare.url }),
    );
    return { bytes: body.length, ...summarisePair(pair), goal: 0.8 };
  } finally {
    await bare.stop();
  }
}
