import { rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../src/config';
import type { MongoProvision } from '../src/db/provision';
import { checkQueryShapes } from './query-shapes/check';

export default async function globalTeardown(): Promise<void> {
  const provision = (globalThis as { __mongo?: MongoProvision }).__mongo;
  await provision?.stop();
  if (provision && provision.source !== 'env') {
    for (const engine of ['ferretdb', 'mongod']) {
      rmSync(path.join(REPO_ROOT, '.data', engine, `test-${process.pid}`), { recursive: true, force: true });
    }
  }
  // Every query the suites sent must have its index on MongoDB (test/query-shapes/).
  const dir = process.env.MINSHENG_QUERY_SHAPES_DIR;
  if (!dir) return;
  const report = await checkQueryShapes(dir);
  rmSync(dir, { recursive: true, force: true });
  for (const { key, tests } of report.uncovered) {
    process.stdout.write(`\n[index coverage] no declared index serves: ${key}\n${tests.map((t) => `    sent by ${t}`).join('\n')}\n`);
  }
  process.stdout.write(`\n[index coverage] ${report.shapes} query shapes, ${report.uncovered.length} not served by a declared index\n`);
  if (report.uncovered.length > 0) {
    throw new Error(
      `${report.uncovered.length} query shapes have no index (test/query-shapes/check.ts; allow a deliberate scan in allowed.ts)`,
    );
  }
}
