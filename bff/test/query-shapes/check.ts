// Holds every query shape the run recorded (record.ts) against the indexes the
// models declare: on MongoDB each query must be an index scan. Run by the
// global teardown; a shape no index serves fails the run, unless allowed.ts
// names it with its reason.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { ALLOWED_SCANS } from './allowed';
import { covers, type DeclaredIndex, type QueryShape } from './shapes';

/** GridFS's own indexes (the driver creates them on the first upload) beside materials' declared one. */
const GRIDFS_INDEXES: Record<string, DeclaredIndex[]> = {
  'materials.files': [
    { keys: [['_id', 1]] },
    {
      keys: [
        ['filename', 1],
        ['uploadDate', 1],
      ],
    },
    {
      keys: [
        ['metadata.ownerId', 1],
        ['uploadDate', -1],
      ],
    },
  ],
  'materials.chunks': [
    { keys: [['_id', 1]] },
    {
      keys: [
        ['files_id', 1],
        ['n', 1],
      ],
    },
  ],
};

/** Every model's declared indexes (schema `.index()`, `index`/`unique` paths) and `_id`, by collection. */
async function declaredIndexes(): Promise<Map<string, DeclaredIndex[]>> {
  await import('../../src/app');
  const out = new Map<string, DeclaredIndex[]>(Object.entries(GRIDFS_INDEXES));
  for (const model of Object.values(mongoose.models)) {
    const list = out.get(model.collection.collectionName) ?? [{ keys: [['_id', 1]] }];
    for (const [fields, options] of model.schema.indexes()) {
      list.push({
        keys: Object.entries(fields).map(([k, v]) => [k, Number(v) < 0 ? -1 : 1]),
        sparse: Boolean((options as { sparse?: boolean }).sparse),
      });
    }
    out.set(model.collection.collectionName, list);
  }
  return out;
}

export interface CoverageReport {
  shapes: number;
  uncovered: { key: string; tests: string[] }[];
}

export async function checkQueryShapes(dir: string): Promise<CoverageReport> {
  const byKey = new Map<string, { shape: QueryShape; tests: Set<string> }>();
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  } catch {
    return { shapes: 0, uncovered: [] };
  }
  for (const f of files) {
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (!line) continue;
      const { key, shape, test } = JSON.parse(line) as { key: string; shape: QueryShape; test: string };
      const entry = byKey.get(key) ?? { shape, tests: new Set<string>() };
      entry.tests.add(test);
      byKey.set(key, entry);
    }
  }
  const indexes = await declaredIndexes();
  const allowed = new Set(ALLOWED_SCANS.map((a) => a.shape));
  const uncovered: CoverageReport['uncovered'] = [];
  for (const [key, { shape, tests }] of byKey) {
    // A count without a filter is answered from the collection's metadata.
    if (shape.command === 'count' && shape.eq.length + shape.range.length + shape.other.length === 0) continue;
    if (allowed.has(key)) continue;
    if ((indexes.get(shape.collection) ?? [{ keys: [['_id', 1]] }]).some((index) => covers(index, shape))) continue;
    uncovered.push({ key, tests: [...tests].sort() });
  }
  uncovered.sort((a, b) => a.key.localeCompare(b.key));
  return { shapes: byKey.size, uncovered };
}
