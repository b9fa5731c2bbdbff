import { rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../src/config';
import type { MongoProvision } from '../src/db/provision';

export default async function globalTeardown(): Promise<void> {
  const provision = (globalThis as { __mongo?: MongoProvision }).__mongo;
  await provision?.stop();
  if (provision && provision.source !== 'env') {
    for (const engine of ['ferretdb', 'mongod']) {
      rmSync(path.join(REPO_ROOT, '.data', engine, `test-${process.pid}`), { recursive: true, force: true });
    }
  }
}
