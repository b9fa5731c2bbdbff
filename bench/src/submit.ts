import { randomUUID } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { QUICK, interleave, load, percentile, round2, summarisePair, type LoadFigures } from './measure';
import { idForKey } from '@minsheng/bff/src/db/derived-id';
import { cpuMsOf } from './stack';
import { DECLARED, LOAN_FORM, createOpenLoanProgram, createResidents, type BenchResident } from './fixtures';

/**
 * Pairs of (resident, programme) never used before: each submission is a new
 * live application, so none is refused as a duplicate.
 */
export class Applicants {
  private next = 0;
  /** The `_id`s of the applications the bench has submitted or inserted since the last reset. */
  private written: Types.ObjectId[] = [];
  constructor(
    readonly residents: BenchResident[],
    readonly programIds: string[],
  ) {}

  /**
   * Notes a submission by `resident` with this Idempotency-Key: the BFF
   * derives the application's `_id` from the two (applications/service.ts),
   * so the bench can remove it by `_id` without asking the BFF.
   */
  submitted(resident: BenchResident, idempotencyKey: string): void {
    this.written.push(idForKey(`resident:${resident.id}:${idempotencyKey}`));
  }

  /** Notes an application the raw side inserted. */
  inserted(id: Types.ObjectId): void {
    this.written.push(id);
  }

  /**
   * Removes the applications the bench submitted or inserted, and their rows
   * in the read models keyed by the same `_id`, so every round starts with
   * the same collections. Each removal is by `_id`, a point delete on every
   * engine: a filtered delete (by programme, by number) decodes every one of
   * a district's 100,000 applications on FerretDB 1.x, a minute and more per
   * round. Lookups and counters keep what the submissions added (a few
   * hundred of 100,000; neither is read by a scan).
   */
  async reset(): Promise<void> {
    const ids = this.written.splice(0);
    if (ids.length === 0) return;
    const deletes = ids.map((_id) => ({ deleteOne: { filter: { _id } } }));
    for (const name of ['applications', 'queueitems', 'applicationrows', 'statsentries']) {
      await mongoose.connection.collection(name).bulkWrite(deletes, { ordered: false });
    }
  }

  get capacity(): number {
    return this.residents.length * this.programIds.length;
  }

  take(): { resident: BenchResident; programId: string } {
    const k = this.next;
    this.next += 1;
    const resident = this.residents[k % this.residents.length];
    const programId = this.programIds[Math.floor(k / this.residents.length) % this.programIds.length];
    if (!resident || !programId) throw new Error('no applicants');
    if (k >= this.capacity) throw new Error(`more submissions than prepared applicants (${this.capacity}); raise BENCH_RESIDENTS`);
    return { resident, programId };
  }
}

export async function prepareApplicants(secrets: { TOKEN_SECRET: string; PII_KEY: string }): Promise<Applicants> {
  const count = Number(process.env.BENCH_RESIDENTS ?? (QUICK ? 1500 : 5000));
  const residents = await createResidents(count, secrets);
  const programIds: string[] = [];
  for (let i = 0; i < 8; i += 1) programIds.push(await createOpenLoanProgram(`bench-loan-${i}-${randomUUID().slice(0, 6)}`));
  return new Applicants(residents, programIds);
}

/** autocannon options that POST a new application per request through `baseUrl`. */
export function submissionLoad(baseUrl: string, applicants: Applicants, duration?: number): Parameters<typeof load>[0] {
  return {
    url: baseUrl,
    ...(duration ? { duration } : {}),
    requests: [
      {
        method: 'POST',
        path: '/api/applications',
        setupRequest: (request) => {
          const { resident, programId } = applicants.take();
          const key = randomUUID();
          applicants.submitted(resident, key);
          return {
            ...request,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${resident.token}`, 'idempotency-key': key },
            body: JSON.stringify({ programId, form: LOAN_FORM, materialIds: [], ...DECLARED }),
          };
        },
      },
    ],
  };
}

/**
 * The raw side: the MongoDB driver inserting the document a submission
 * stores (same shape and size, unique number, idempotency and live keys) with
 * as many inserts in flight as autocannon has connections.
 */
async function rawInserts(
  durationS: number,
  connections: number,
  template: Record<string, unknown>,
  applicants: Applicants,
): Promise<LoadFigures> {
  const collection = mongoose.connection.collection('applications');
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + durationS * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      const started = performance.now();
      const key = randomUUID();
      const _id = new Types.ObjectId();
      applicants.inserted(_id);
      try {
        await collection.insertOne({
          ...template,
          _id,
          number: `RAW-${key}`,
          idem: `resident:raw:${key}`,
          liveKey: `raw:${key}`,
          submittedAt: new Date(),
          createdAt: new Date(),
          updatedAt: new Date(),
        });
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - started);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (Date.now() - started) / 1000;
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    non2xx: 0,
    errors,
  };
}

/** 2. POST /api/applications (validation, eligibility, idempotency, numbering) vs the raw driver's inserts. */
export async function benchSubmission(bffUrl: string, applicants: Applicants, pids: { bff: number; db: number | undefined }) {
  // One real submission, to copy the stored shape for the raw side.
  const first = applicants.take();
  const key = randomUUID();
  applicants.submitted(first.resident, key);
  const res = await fetch(`${bffUrl}/api/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${first.resident.token}`, 'idempotency-key': key },
    body: JSON.stringify({ programId: first.programId, form: LOAN_FORM, materialIds: [], ...DECLARED }),
  });
  if (res.status !== 201) throw new Error(`a submission answered ${res.status}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const stored = await mongoose.connection.collection('applications').findOne({ _id: new Types.ObjectId(id) });
  if (!stored) throw new Error('the submitted application is not in the database');
  const template: Record<string, unknown> = { ...stored };

  const duration = QUICK ? 2 : 5;
  await load({ ...submissionLoad(bffUrl, applicants), duration: 1 });
  const cpu = {
    bff: new CpuPerRequest(pids.bff),
    db: new CpuPerRequest(pids.db),
    rawDb: new CpuPerRequest(pids.db),
    rawDriver: new CpuPerRequest(process.pid),
  };
  const pair = await interleave(
    QUICK ? 2 : 4,
    async () => {
      await applicants.reset();
      return CpuPerRequest.during([cpu.bff, cpu.db], () => load(submissionLoad(bffUrl, applicants, duration)));
    },
    async () => {
      await applicants.reset();
      return CpuPerRequest.during([cpu.rawDb, cpu.rawDriver], () => rawInserts(duration, 10, template, applicants));
    },
  );
  // Leaves the collections as loaded: a BFF started later (scale-out, profile) rebuilds its read models at start when
  // the applications and their counter entries disagree in number (read-models ensureReadModels), and the raw side's
  // inserts have no entries.
  await applicants.reset();
  return {
    ...summarisePair(pair),
    goal: 0.5,
    // Where a request's time goes: CPU ms per request of each process (null: not a process this run started).
    cpuMsPerRequest: {
      bff: cpu.bff.perRequest(),
      database: cpu.db.perRequest(),
      rawDatabase: cpu.rawDb.perRequest(),
      rawDriver: cpu.rawDriver.perRequest(),
    },
  };
}

/** CPU time a process spends per request over several measured runs. */
class CpuPerRequest {
  private ms = 0;
  private requests = 0;
  constructor(private readonly pid: number | undefined) {}

  static async during(counters: CpuPerRequest[], run: () => Promise<LoadFigures>): Promise<LoadFigures> {
    const before = counters.map((c) => c.now());
    const figures = await run();
    counters.forEach((c, i) => {
      c.ms += c.now() - (before[i] ?? 0);
      c.requests += figures.requests;
    });
    return figures;
  }

  private now(): number {
    return this.pid === undefined ? 0 : cpuMsOf(this.pid);
  }

  perRequest(): number | null {
    return this.pid === undefined || this.requests === 0 ? null : round2(this.ms / this.requests);
  }
}
