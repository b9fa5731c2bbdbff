import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import { REPO_ROOT } from '../config';
import { patchedSource, type SourcePatch } from './provision';

// A read by _id must be an index lookup on every engine the BFF runs on: the
// request paths are built on it (point-reads.ts). FerretDB 1.24 scanned for it
// until tools/ferretdb/patches.json aligned its _id expression with its index.

let client: MongoClient;

beforeAll(async () => {
  const uri = process.env.MINSHENG_TEST_MONGODB_URI;
  if (!uri) throw new Error('the Jest global setup did not provide a database');
  client = await MongoClient.connect(uri);
});

afterAll(async () => {
  await client.close();
});

/** The engine's plan for a find by _id among 300 documents, flattened to text: SQLite's plan lines on FerretDB, the winning plan's stages on MongoDB. */
async function planOfReadById(): Promise<string> {
  const db = client.db(`t_point_reads_${randomBytes(3).toString('hex')}`);
  const collection = db.collection<{ _id: ObjectId; n: number }>('applications');
  const ids = Array.from({ length: 300 }, () => new ObjectId());
  await collection.insertMany(ids.map((_id, n) => ({ _id, n })));
  const probe = ids[150];
  if (!probe) throw new Error('no document to look up');
  const explained = await collection.find({ _id: probe }).explain();
  await db.dropDatabase();
  return JSON.stringify(explained.queryPlanner ?? explained);
}

async function isFerretdb(): Promise<boolean> {
  const info = await client.db('admin').command({ buildInfo: 1 });
  return 'ferretdbVersion' in info;
}

describe('a read by _id', () => {
  it('is served from the _id index, not a scan of the collection', async () => {
    const plan = await planOfReadById();
    if (await isFerretdb()) {
      expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
      expect(plan).not.toMatch(/detail=SCAN/);
    } else {
      expect(plan).toMatch(/IDHACK|EXPRESS_IXSCAN|IXSCAN/);
    }
  });
});

describe('the FerretDB source patches', () => {
  const patches = JSON.parse(readFileSync(path.join(REPO_ROOT, 'tools', 'ferretdb', 'patches.json'), 'utf8')) as SourcePatch[];
  const [idColumn] = patches;

  it('align the _id expression with the _id index', () => {
    expect(idColumn).toMatchObject({ find: expect.stringContaining(`->'$._id'`), replace: expect.stringContaining(`->'_id'`) });
  });

  it('apply to the line they expect and refuse a source without it, or with it twice', () => {
    if (!idColumn) throw new Error('no patch');
    expect(patchedSource(`const (\n\t${idColumn.find}\n)`, idColumn)).toBe(`const (\n\t${idColumn.replace}\n)`);
    expect(() => patchedSource('const IDColumn = "_id"', idColumn)).toThrow(/found it 0 times/);
    expect(() => patchedSource(`${idColumn.find}\n${idColumn.find}`, idColumn)).toThrow(/found it 2 times/);
  });
});
