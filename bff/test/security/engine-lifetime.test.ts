import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ENGINE_LOCK, provideMongo } from '../../src/db/provision';
import { startBffProcess, type BffProcess } from '../kit';

/**
 * The embedded database lives and dies with the BFF that started it: a
 * SIGKILL of the BFF (no shutdown code runs) ends its engine too, and while an
 * engine runs on a data directory no second one may start there.
 */

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, check: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let bff: BffProcess | undefined;
afterAll(() => bff?.stop());

describe('the embedded database process', () => {
  it('refuses a second engine on a data directory a live one holds, ends with its BFF on SIGKILL, and is then taken over', async () => {
    bff = await startBffProcess();
    const dataPath = path.join(bff.dataDir, 'ferretdb', 'db');
    const lockFile = path.join(dataPath, ENGINE_LOCK);
    const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { owner: number; engine: number };
    expect(lock.owner).toBe(bff.pid);
    expect(alive(lock.engine)).toBe(true);

    await expect(provideMongo({ dataDir: bff.dataDir })).rejects.toThrow(/in use: a database engine \(pid \d+\) is running on it/);
    expect(alive(lock.engine)).toBe(true);

    bff.child.kill('SIGKILL');
    await bff.exited;
    await until('the engine to end after its BFF was killed', () => !alive(lock.engine));

    // The lock the killed BFF left is stale: the next start takes the directory over.
    expect(existsSync(lockFile)).toBe(true);
    const again = await provideMongo({ dataDir: bff.dataDir });
    try {
      expect(again.source).toBe('ferretdb');
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ owner: process.pid, engine: again.pid });
    } finally {
      await again.stop();
    }
    expect(existsSync(lockFile)).toBe(false);
  }, 180_000);
});
