import ExcelJS from 'exceljs';
import mongoose from 'mongoose';
import { APPLICATION_STATUSES, PROGRAM_KINDS, isOpen, type ProgramKind, type StatsResponse } from '@minsheng/shared';
import { rawCollection, useTestApp, type Actor } from '../../../test/kit';
import { rebuildReadModels } from '../applications/read-models';
import { waitBucket, waitMinutes } from '../applications/read-models/stats-cells';
import { ProgramModel } from '../programs/model';
import { AWKWARD_NAMES, insertGeneratedApplications, type GeneratedApplication } from './test-data';

const ROWS = 3000;
const HEADERS = [
  '申请编号',
  '服务类型',
  '项目',
  '状态',
  '申请人',
  '身份证号(脱敏)',
  '手机号(脱敏)',
  '街道',
  '社区',
  '提交时间',
  '决定时间',
  '分配摊位/座位',
  '批准金额(元)',
  '已放款(元)',
  '未还(元)',
];

const OFFICER_COMMUNITIES = ['jmjy', 'cjxc'];

/** ROWS generated applications over the seed programmes (`t.facts`), an administrator and an officer of OFFICER_COMMUNITIES. */
const t = useTestApp({ staff: ['admin'] }, async ({ app, kit }) => {
  const programs = { stall: [], loan: [], training: [], subsidy: [] } as Record<ProgramKind, { id: string; title: string }[]>;
  for (const p of await ProgramModel.find({}, { kind: 1, title: 1 }).lean())
    programs[p.kind as ProgramKind].push({ id: String(p._id), title: p.title });
  const facts: GeneratedApplication[] = await insertGeneratedApplications({
    count: ROWS,
    pii: app.context.deps.pii,
    programs,
    seed: 20261126,
  });
  await rebuildReadModels();
  const officer = await kit.staff('officer', { communities: OFFICER_COMMUNITIES });
  return { facts, officer };
});

// Expected figures, computed from the generator's t.facts rather than from the stored history.

const chinaDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
const countBy = <T>(items: T[], key: (item: T) => string) => {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
};
const sum = <T>(items: T[], value: (item: T) => number) => items.reduce((acc, item) => acc + value(item), 0);

const waitOf = (r: GeneratedApplication) => (r.firstDecisionAt?.getTime() ?? 0) - r.submittedAt.getTime();
/** A wait as the counters' histogram keeps it (stats-cells.ts): its bucket's middle. */
const bucketed = (ms: number) => waitMinutes(waitBucket(ms)) * 60_000;

/** The median of waits in days, one decimal (the mean of the middle two for an even count). */
function medianDays(waits: number[]): number | null {
  const sorted = [...waits].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const medianMs =
    sorted.length === 0 ? null : sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return medianMs === null ? null : Math.round((medianMs / 86_400_000) * 10) / 10;
}

/** The decision figures; the median wait as read from the histogram (`exactMedianDays` is the exact one). */
function decisionFigures(rows: GeneratedApplication[]) {
  const decided = rows.filter((r) => r.firstDecisionAt !== null);
  const approved = decided.filter((r) => r.approvedEver).length;
  return {
    decided: decided.length,
    approved,
    approvalRate: decided.length === 0 ? null : Math.round((approved / decided.length) * 10_000) / 10_000,
    medianDaysToDecision: medianDays(decided.map((r) => bucketed(waitOf(r)))),
  };
}

const exactMedianDays = (rows: GeneratedApplication[]) => medianDays(rows.filter((r) => r.firstDecisionAt !== null).map(waitOf));

function expectedStats(rows: GeneratedApplication[]) {
  const training = rows.filter((r) => r.kind === 'training');
  const months = Object.entries(countBy(rows, (r) => chinaDay(r.submittedAt).slice(0, 7)))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, count]) => ({ month, count }));
  return {
    total: rows.length,
    byKind: { stall: 0, loan: 0, training: 0, subsidy: 0, ...countBy(rows, (r) => r.kind) },
    byStatus: { ...Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])), ...countBy(rows, (r) => r.status) },
    byKindStatus: Object.fromEntries(
      PROGRAM_KINDS.map((k) => [
        k,
        countBy(
          rows.filter((r) => r.kind === k),
          (r) => r.status,
        ),
      ]),
    ),
    byStreet: countBy(rows, (r) => r.street),
    byCommunity: countBy(rows, (r) => r.community),
    byMonth: months,
    decisions: {
      overall: decisionFigures(rows),
      byKind: Object.fromEntries(PROGRAM_KINDS.map((k) => [k, decisionFigures(rows.filter((r) => r.kind === k))])),
    },
    loans: {
      borrowers: rows.filter((r) => (r.loan?.disbursedFen ?? 0) > 0).length,
      approvedFen: sum(rows, (r) => r.loan?.approvedFen ?? 0),
      disbursedFen: sum(rows, (r) => r.loan?.disbursedFen ?? 0),
      repaidFen: sum(rows, (r) => r.loan?.repaidFen ?? 0),
      outstandingFen: sum(rows, (r) => r.loan?.outstandingFen ?? 0),
    },
    training: {
      trainees: {
        approved: training.filter((r) => r.status === 'approved').length,
        attending: training.filter((r) => r.status === 'attending').length,
        completed: training.filter((r) => r.status === 'completed').length,
        total: training.filter((r) => ['approved', 'attending', 'completed'].includes(r.status)).length,
      },
      completions: training.filter((r) => r.training !== null).length,
      subsidyDueFen: sum(training, (r) => r.training?.subsidyDueFen ?? 0),
    },
    subsidies: { paid: rows.filter((r) => r.subsidyPaidFen > 0).length, paidFen: sum(rows, (r) => r.subsidyPaidFen) },
  };
}

/** The response in the shape of expectedStats: zero cells of the matrix and list order left out. */
function comparable(stats: StatsResponse) {
  const { generatedAt: _generatedAt, byKindStatus, byStreet, byCommunity, ...rest } = stats;
  return {
    ...rest,
    byKindStatus: Object.fromEntries(
      Object.entries(byKindStatus).map(([kind, cells]) => [
        kind,
        Object.fromEntries(Object.entries(cells).filter(([, n]) => n !== undefined && n > 0)),
      ]),
    ),
    byStreet: Object.fromEntries(byStreet.map((s) => [s.street, s.count])),
    byCommunity: Object.fromEntries(byCommunity.map((c) => [c.community, c.count])),
  };
}

/** The unfiltered figures and CSV, fetched once and read by several tests. */
let allStats: Promise<StatsResponse> | undefined;
let allCsv: Promise<Awaited<ReturnType<typeof download>>> | undefined;
const adminStats = () => (allStats ??= stats(t.admin));
const adminCsv = () => (allCsv ??= download(t.admin, '?format=csv'));

async function stats(staff: Actor, query = ''): Promise<StatsResponse> {
  const res = await staff.get(`/api/admin/stats${query}`).expect(200);
  return res.body as StatsResponse;
}

async function download(staff: Actor, query: string): Promise<{ status: number; headers: Headers; body: Buffer<ArrayBuffer> }> {
  const res = await fetch(`${t.baseUrl}/api/admin/export${query}`, { headers: { Authorization: `Bearer ${staff.token}` } });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body };
}

/** RFC 4180, as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text.charAt(i + 1) === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

async function csvRows(staff: Actor, query: string): Promise<{ header: string[]; rows: string[][]; text: string }> {
  const res = await download(staff, query);
  expect(res.status).toBe(200);
  const text = res.body.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header = [], ...rows] = parseCsv(text.slice(1));
  return { header, rows, text };
}

describe('GET /api/admin/stats', () => {
  it('gives figures equal to those computed from the generated applications', async () => {
    expect(comparable(await adminStats())).toEqual(expectedStats(t.facts));
  });

  it('gives the median wait within half a day of the exact median (the stated precision of the histogram, plus the rounding)', async () => {
    const { decisions } = await adminStats();
    const pairs = [
      [decisions.overall.medianDaysToDecision, exactMedianDays(t.facts)],
      ...PROGRAM_KINDS.map((k) => [decisions.byKind[k].medianDaysToDecision, exactMedianDays(t.facts.filter((f) => f.kind === k))]),
    ];
    for (const [shown, exact] of pairs) {
      expect(shown).not.toBeNull();
      expect(Math.abs((shown ?? 0) - (exact ?? 0))).toBeLessThanOrEqual(0.6 + 1e-9);
    }
  });

  it('lists every status of a kind in the matrix, zeros included, and streets and communities most first', async () => {
    const body = await adminStats();
    expect(Object.keys(body.byKindStatus.stall).sort()).toEqual([
      'approved',
      'needs_info',
      'rejected',
      'released',
      'submitted',
      'under_review',
      'waitlisted',
      'withdrawn',
    ]);
    expect(body.byKindStatus.subsidy.attending).toBeUndefined();
    const counts = body.byCommunity.map((c) => c.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(body.byCommunity.find((c) => c.community === 'jmjy')).toMatchObject({ name: '景明佳园社区', street: '铁心桥街道' });
  });

  it('counts a submission in the first hours of a month (China time) in that month', async () => {
    const edge = t.facts.find(
      (f) => f.submittedAt.getUTCDate() !== Number(chinaDay(f.submittedAt).slice(8)) && chinaDay(f.submittedAt).endsWith('-01'),
    );
    expect(edge).toBeDefined();
    const day = chinaDay(edge?.submittedAt ?? new Date());
    const body = await stats(t.admin, `?from=${day}&to=${day}`);
    expect(body.byMonth).toEqual([{ month: day.slice(0, 7), count: t.facts.filter((f) => chinaDay(f.submittedAt) === day).length }]);
  });

  it('applies the date range (China days, both ends included) and the street', async () => {
    const street = '铁心桥街道';
    const rows = t.facts.filter(
      (f) => f.street === street && chinaDay(f.submittedAt) >= '2026-03-01' && chinaDay(f.submittedAt) <= '2026-05-31',
    );
    expect(rows.length).toBeGreaterThan(50);
    const body = await stats(t.admin, `?from=2026-03-01&to=2026-05-31&street=${encodeURIComponent(street)}`);
    expect(comparable(body)).toEqual(expectedStats(rows));
  });

  it('shows an officer the own communities only', async () => {
    const body = await stats(t.officer);
    expect(comparable(body)).toEqual(expectedStats(t.facts.filter((f) => OFFICER_COMMUNITIES.includes(f.community))));
    expect(body.byCommunity.map((c) => c.community).sort()).toEqual([...OFFICER_COMMUNITIES].sort());
  });

  it('gives an officer nothing for another community', async () => {
    const body = await stats(t.officer, '?community=bqsq');
    expect(body.total).toBe(0);
    expect(body.byMonth).toEqual([]);
    expect(body.decisions.overall).toEqual({ decided: 0, approved: 0, approvalRate: null, medianDaysToDecision: null });
  });

  it('rejects an unknown filter with 400', async () => {
    const res = await t.admin.get('/api/admin/stats?status=approved').expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 401 without a token and to a resident', async () => {
    expect((await t.http.get('/api/admin/stats').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
    const resident = await t.kit.resident();
    await resident.get('/api/admin/stats').expect(401);
  });
});

describe('GET /api/admin/export', () => {
  it('sends every application as CSV with Chinese headers, masked ID numbers only, as an attachment', async () => {
    const res = await adminCsv();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const file = `applications-${chinaDay(new Date())}.csv`;
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${file}"; filename*=UTF-8''${file}`);
    expect(res.headers.get('cache-control')).toBe('no-store');

    const text = res.body.toString('utf8');
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(HEADERS);
    expect(rows).toHaveLength(ROWS);
    const byNumber = new Map(rows.map((r) => [r[0], r]));
    for (const f of t.facts) expect(byNumber.get(f.number)?.[5]).toBe(f.idNumberMasked);
    expect(text.match(/\d{17}[\dX]/g)).toBeNull();
    expect(t.facts.some((f) => text.includes(f.idNumber))).toBe(false);
  });

  it('streams the small application rows unsorted, in the order they were stored, the first chunk arriving before the cursor is read to its end', async () => {
    // The command monitoring the test database is opened with (test/global-setup.ts): what the export asks for and reads.
    const client = mongoose.connection.getClient();
    const finds: Record<string, unknown>[] = [];
    const applicationReads: unknown[] = [];
    let read = 0;
    let exhausted = false;
    const started = (e: mongoose.mongo.CommandStartedEvent) => {
      if (e.commandName === 'find' && e.command.find === 'applicationrows') finds.push(e.command);
      if (e.commandName === 'find' && e.command.find === 'applications') applicationReads.push(e.command);
    };
    const succeeded = (e: mongoose.mongo.CommandSucceededEvent) => {
      const cursor = (e.reply as { cursor?: { id: unknown; ns?: string; firstBatch?: unknown[]; nextBatch?: unknown[] } }).cursor;
      if (!['find', 'getMore'].includes(e.commandName) || !cursor?.ns?.endsWith('.applicationrows')) return;
      read += (cursor.firstBatch ?? cursor.nextBatch ?? []).length;
      if (String(cursor.id) === '0') exhausted = true;
    };
    client.on('commandStarted', started);
    client.on('commandSucceeded', succeeded);
    let atFirstChunk: { read: number; exhausted: boolean } | undefined;
    const chunks: Buffer[] = [];
    try {
      const res = await fetch(`${t.baseUrl}/api/admin/export?format=csv`, { headers: { Authorization: `Bearer ${t.admin.token}` } });
      expect(res.status).toBe(200);
      if (!res.body) throw new Error('no body');
      for await (const chunk of res.body) {
        atFirstChunk ??= { read, exhausted };
        chunks.push(Buffer.from(chunk as Uint8Array));
      }
    } finally {
      client.off('commandStarted', started);
      client.off('commandSucceeded', succeeded);
    }
    expect(finds).toHaveLength(1);
    expect(finds[0]?.sort).toBeUndefined();
    // The whole applications (forms, history, sealed fields) are not what an export decodes.
    expect(applicationReads).toEqual([]);
    expect(atFirstChunk?.exhausted).toBe(false);
    expect(atFirstChunk?.read).toBeLessThan(ROWS);
    expect(exhausted).toBe(true);
    // An unsorted read gives the stored order: SQLite's rowid order on FerretDB, a collection scan's record ids on MongoDB.
    const [, ...rows] = parseCsv(Buffer.concat(chunks).toString('utf8').slice(1));
    expect(rows.map((r) => r[0])).toEqual(t.facts.map((f) => f.number));
  });

  it('writes dates in China time and money as exact yuan', async () => {
    const { rows } = await csvRows(t.admin, '?format=csv&kind=loan');
    const loan = t.facts.find(
      (f) => f.kind === 'loan' && (f.loan?.outstandingFen ?? 0) > 0 && f.loan?.disbursedFen !== f.loan?.outstandingFen,
    );
    const row = rows.find((r) => r[0] === loan?.number);
    const yuan = (fen = 0) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    expect(row?.slice(12)).toEqual([yuan(loan?.loan?.approvedFen), yuan(loan?.loan?.disbursedFen), yuan(loan?.loan?.outstandingFen)]);
    const edge = t.facts.find((f) => f.kind === 'loan' && chinaDay(f.submittedAt).endsWith('-01') && f.submittedAt.getUTCDate() !== 1);
    const edgeRow = rows.find((r) => r[0] === edge?.number);
    expect(edgeRow?.[9]).toMatch(new RegExp(`^${chinaDay(edge?.submittedAt ?? new Date())} 0[0-7]:\\d\\d$`));
  });

  it('defuses formulas and keeps quotes, commas and newlines in their cell', async () => {
    const [, ...rows] = parseCsv((await adminCsv()).body.toString('utf8').slice(1));
    const names = new Set(rows.map((r) => r[4]));
    expect(names.has(`'${AWKWARD_NAMES[0]}`)).toBe(true);
    expect(names.has(AWKWARD_NAMES[1])).toBe(true);
    expect(names.has(`'${AWKWARD_NAMES[2]}`)).toBe(true);
    expect(names.has(`'${AWKWARD_NAMES[3]}`)).toBe(true);
    expect(names.has(`'${AWKWARD_NAMES[4]}`)).toBe(true);
    expect(rows.every((r) => r.length === HEADERS.length)).toBe(true);
  });

  it('applies the queue filters', async () => {
    const { rows } = await csvRows(t.admin, '?format=csv&kind=training&status=approved&community=jmjy');
    const expected = t.facts.filter((f) => f.kind === 'training' && f.status === 'approved' && f.community === 'jmjy');
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => r[0]).sort()).toEqual(expected.map((f) => f.number).sort());
    expect(rows.every((r) => r[3] === '已通过' && r[8] === '景明佳园社区' && r[11] !== '')).toBe(true);
  });

  it('sends an .xlsx workbook that reads back with the same rows', async () => {
    const res = await download(t.admin, '?format=xlsx&kind=loan&street=%E6%9D%BF%E6%A1%A5%E8%A1%97%E9%81%93');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''applications-${chinaDay(new Date())}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body.buffer);
    const sheet = workbook.worksheets[0];
    const expected = t.facts.filter((f) => f.kind === 'loan' && f.street === '板桥街道');
    expect(sheet?.rowCount).toBe(expected.length + 1);
    expect((sheet?.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const disbursed = expected.find((f) => (f.loan?.disbursedFen ?? 0) > 0);
    let found = false;
    sheet?.eachRow((row, n) => {
      if (n === 1 || row.getCell(1).value !== disbursed?.number) return;
      found = true;
      expect(row.getCell(6).value).toBe(disbursed?.idNumberMasked);
      expect(row.getCell(14).value).toBe((disbursed?.loan?.disbursedFen ?? 0) / 100);
    });
    expect(found).toBe(true);
  });

  it('sends every application as a workbook, all rows in the order of the CSV (many zip chunks, written under backpressure)', async () => {
    const res = await download(t.admin, '?format=xlsx');
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body.buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe(ROWS + 1);
    expect((sheet?.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const numbers: unknown[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 1) numbers.push(row.getCell(1).value);
    });
    const [, ...csv] = parseCsv((await adminCsv()).body.toString('utf8').slice(1));
    expect(numbers).toEqual(csv.map((r) => r[0]));
  });

  it('defaults to xlsx', async () => {
    const res = await download(t.admin, '?kind=subsidy&community=msc');
    expect(res.status).toBe(200);
    expect(res.body.subarray(0, 2).toString()).toBe('PK');
  });

  it('confines an officer to the own communities whatever is asked', async () => {
    const own = await csvRows(t.officer, '?format=csv');
    expect(own.rows.map((r) => r[0]).sort()).toEqual(
      t.facts
        .filter((f) => OFFICER_COMMUNITIES.includes(f.community))
        .map((f) => f.number)
        .sort(),
    );
    const other = await csvRows(t.officer, '?format=csv&community=bqsq');
    expect(other.header).toEqual(HEADERS);
    expect(other.rows).toEqual([]);
  });

  it('answers a bad format with 400', async () => {
    const res = await t.admin.get('/api/admin/export?format=pdf').expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields.format).toBe('导出格式应为 xlsx 或 csv');
  });

  it('answers 401 without a token and to a resident', async () => {
    expect((await t.http.get('/api/admin/export?format=csv').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
    const resident = await t.kit.resident();
    await resident.get('/api/admin/export?format=csv').expect(401);
  });

  it('records each export in the audit log without the search text', async () => {
    await t.admin.get('/api/admin/export?format=csv&q=1234').expect(200);
    const entry = await rawCollection('audits').find({ action: 'export' }).sort({ at: -1 }).limit(1).next();
    expect(entry?.filters).toEqual({ q: '[search]' });
    expect(entry?.staffName).toEqual(expect.any(String));
  });

  it('is documented with both file types', async () => {
    const res = await t.http.get('/api/openapi.json').expect(200);
    const responses = res.body.paths['/api/admin/export'].get.responses;
    expect(Object.keys(responses['200'].content)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv; charset=utf-8',
    ]);
    expect(res.body.paths['/api/admin/stats'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Stats',
    });
  });
});

describe('the rebuild of the read models over these applications', () => {
  it('writes nothing while it holds a cursor on the applications, and gives the same figures and rows in the stored order', async () => {
    // On the embedded engine (SQLite in WAL mode) an open read keeps every write since it in the log: 5.5 GB at 100,000.
    const client = mongoose.connection.getClient();
    const open = new Set<string>();
    const getMores = new Map<number, string>();
    const writesWhileOpen: string[] = [];
    let pages = 0;
    const started = (e: mongoose.mongo.CommandStartedEvent) => {
      if (['insert', 'update', 'delete'].includes(e.commandName) && open.size > 0)
        writesWhileOpen.push(`${e.commandName} ${String(e.command[e.commandName])}`);
      if (e.commandName === 'killCursors') for (const id of e.command.cursors as unknown[]) open.delete(String(id));
      if (e.commandName === 'getMore') getMores.set(e.requestId, String(e.command.getMore));
    };
    const succeeded = (e: mongoose.mongo.CommandSucceededEvent) => {
      const cursor = (e.reply as { cursor?: { id: unknown; ns?: string } }).cursor;
      if (!['find', 'getMore'].includes(e.commandName) || !cursor?.ns?.endsWith('.applications')) return;
      if (String(cursor.id) !== '0') open.add(String(cursor.id));
      else if (e.commandName === 'getMore') open.delete(getMores.get(e.requestId) ?? '');
    };
    const wrote = (e: mongoose.mongo.CommandStartedEvent) => {
      if (e.commandName === 'insert' && e.command.insert === 'applicationrows') pages += 1;
    };
    client.on('commandStarted', started);
    client.on('commandStarted', wrote);
    client.on('commandSucceeded', succeeded);
    try {
      // Write batches smaller than the history: 3,000 applications' rows in 5 inserts, all after the read.
      await expect(rebuildReadModels({ batchSize: 700 })).resolves.toEqual({
        applications: ROWS,
        open: t.facts.filter((f) => isOpen(f.kind, f.status)).length,
      });
    } finally {
      client.off('commandStarted', started);
      client.off('commandStarted', wrote);
      client.off('commandSucceeded', succeeded);
    }
    expect(writesWhileOpen).toEqual([]);
    expect(pages).toBe(5);
    expect(comparable(await adminStats())).toEqual(expectedStats(t.facts));
    const rows = await rawCollection('applicationrows')
      .find({}, { projection: { number: 1 } })
      .toArray();
    expect(rows.map((r) => r.number)).toEqual(t.facts.map((f) => f.number));
  });
});
