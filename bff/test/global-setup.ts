import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../src/config';
import { provideMongo, type MongoProvision } from '../src/db/provision';

/**
 * Starts one database for the whole test run (or uses MONGODB_URI); each test
 * file then works in a database of its own on it.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = path.join(REPO_ROOT, '.data');
  mkdirSync(dataDir, { recursive: true });
  const provision = await provideMongo({
    mongodbUri: process.env.MONGODB_URI,
    dataDir,
    name: `test-${process.pid}`,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`\n[test database] ${provision.description}\n`);
  // Command monitoring on: the export's test watches the cursor it reads, the index-coverage check every query.
  const uri = new URL(provision.uri);
  uri.searchParams.set('monitorCommands', 'true');
  process.env.MINSHENG_TEST_MONGODB_URI = uri.toString();
  // Each worker records its queries' shapes here (test/query-shapes/record.ts); the teardown checks them.
  const shapes = path.join(dataDir, 'query-shapes', String(process.pid));
  rmSync(shapes, { recursive: true, force: true });
  process.env.MINSHENG_QUERY_SHAPES_DIR = shapes;
  (globalThis as { __mongo?: MongoProvision }).__mongo = provision;
}
