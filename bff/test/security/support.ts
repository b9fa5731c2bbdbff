import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import type { AnyRoute } from '../../src/http/route';

/** "GET /api/x/:id", as the access matrix names routes. */
export function routeKey(r: AnyRoute): string {
  return `${r.method.toUpperCase()} ${r.path}`;
}

/** Well-formed values for path parameters: an ObjectId, a link id, a community code. */
const PARAM_CANDIDATES = ['0123456789abcdef01234567', 'a1b2c3d4e5', 'jmjy', 'x1'];

/** The route's path with each parameter replaced by a value its schema accepts (so validation is not what refuses). */
export function concretePath(r: AnyRoute, values: Record<string, string> = {}): string {
  const shape = r.params && 'shape' in r.params ? (r.params.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>) : {};
  return r.path.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    if (values[name]) return values[name];
    const schema = shape[name];
    return PARAM_CANDIDATES.find((c) => !schema || schema.safeParse(c).success) ?? 'x';
  });
}

/** Per collection of the current database: the document count and a hash of every document, for "nothing changed". */
export async function databaseFingerprint(): Promise<Record<string, string>> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('the test database is not connected');
  const out: Record<string, string> = {};
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  for (const name of names) {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    const hash = createHash('sha256').update(mongoose.mongo.BSON.EJSON.stringify(docs)).digest('hex').slice(0, 16);
    out[name] = `${docs.length}:${hash}`;
  }
  return out;
}

/** Collections whose fingerprint differs, with before → after. */
export function diffFingerprints(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).map((n) => `${n}: ${before[n] ?? '-'} → ${after[n] ?? '-'}`);
}
