import mongoose, { Types } from 'mongoose';
import { QUICK, round2 } from './measure';
import { cpuMsOf } from './stack';

/**
 * What one operation costs the database itself, by collection size: CPU ms of
 * the engine's process per operation (from /proc) and wall ms per operation,
 * one operation at a time. It tells an engine that answers `{_id}` from an
 * index (cost flat in the size) from one that scans (cost growing with it),
 * and shows what the product's request paths pay per read and per insert.
 * Documents are about 2 KB, like an application.
 */
export async function benchEngine(dbPid: number | undefined) {
  // Issue 14's goal compares a read by _id at 1,000 and at 100,000 documents. BENCH_ENGINE_SIZES=1000,100000 runs only those.
  const sizes = process.env.BENCH_ENGINE_SIZES
    ? process.env.BENCH_ENGINE_SIZES.split(',').map(Number)
    : QUICK
      ? [500, 2000]
      : [1000, 5000, 20_000, 100_000];
  const repeats = QUICK ? 20 : 50;
  const collection = mongoose.connection.collection('bench_engine');
  await collection.drop().catch(() => undefined);
  await collection.createIndex({ key: 1 }, { unique: true });
  await collection.createIndex({ group: 1, at: -1 });
  const padding = 'x'.repeat(2000);
  const ids: Types.ObjectId[] = [];
  const rows: Record<string, unknown>[] = [];

  const measure = async (n: number, op: (i: number) => Promise<unknown>) => {
    const cpuBefore = dbPid === undefined ? 0 : cpuMsOf(dbPid);
    const started = performance.now();
    for (let i = 0; i < n; i += 1) await op(i);
    return {
      dbCpuMs: dbPid === undefined ? null : round2((cpuMsOf(dbPid) - cpuBefore) / n),
      wallMs: round2((performance.now() - started) / n),
    };
  };

  for (const size of sizes) {
    const batch: Record<string, unknown>[] = [];
    while (ids.length < size) {
      const _id = new Types.ObjectId();
      ids.push(_id);
      batch.push({ _id, key: `k${ids.length}`, group: ids.length % 50, at: new Date(), padding });
      if (batch.length === 500) await collection.insertMany(batch.splice(0));
    }
    if (batch.length > 0) await collection.insertMany(batch);
    // The last documents inserted: a scan in insertion order reaches them last.
    const late = (i: number) => ids[size - 1 - (i % 100)] as Types.ObjectId;
    rows.push({
      documents: size,
      findById: await measure(repeats, (i) => collection.findOne({ _id: late(i) })),
      findByIdMissing: await measure(repeats, () => collection.findOne({ _id: new Types.ObjectId() })),
      // A scan decoding every document: a few are enough where each takes seconds.
      findByUniqueField: await measure(size > 20_000 ? 3 : Math.min(repeats, 10), (i) =>
        collection.findOne({ key: `k${size - (i % 100)}` }),
      ),
      insertOne: await measure(repeats, (i) =>
        collection.insertOne({ _id: new Types.ObjectId(), key: `n${size}-${i}`, group: 0, at: new Date(), padding }),
      ),
    });
  }
  const explain = (await collection.find({ _id: ids[0] }).explain()) as Record<string, unknown>;
  await collection.drop().catch(() => undefined);
  const wallOf = (n: number) => (rows.find((r) => r.documents === n)?.findById as { wallMs: number } | undefined)?.wallMs;
  const [smallest, largest] = [wallOf(sizes[0] ?? 0), wallOf(sizes[sizes.length - 1] ?? 0)];
  return {
    rows,
    // Goal: within 2× from the smallest to the largest collection (1,000 and 100,000 documents).
    findByIdRatio: smallest && largest ? round2(largest / smallest) : null,
    findByIdPlan: { filterPushdown: explain.filterPushdown ?? null, queryPlanner: explain.queryPlanner ?? null },
  };
}
