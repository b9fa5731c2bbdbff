import type supertest from 'supertest';
import mongoose from 'mongoose';
import { AuditModel } from '../../src/modules/audit/model';
import { applicant, idNumber, postApplication, registerAssisted, useTestApp, type Actor, type Resident } from '../kit';
import { concretePath, routeKey } from './support';

/**
 * Personal data over a whole working session: residents register and apply,
 * an officer registers an assisted resident, staff search by full ID number
 * and by mobile, list, open, export and reveal. Afterwards the app's log
 * holds none of the ID numbers or mobiles, no stored document holds one in
 * plain text, no answer shows one except the reveal (and a resident's own
 * mobile on their own profile), and every reveal is in the audit log.
 */

const idNumbers: string[] = [];
const mobiles: string[] = [];
const applicationIds: string[] = [];
let assistedId = '';
/** Signed-in GET answers walked, and those a cache could keep (no `Cache-Control: no-store`). */
const cacheable = { checked: 0, missing: [] as string[] };
let reveals = 0;
let refusedReveals = 0;
const answers: { what: string; text: string }[] = [];

function keep(what: string, res: supertest.Response): supertest.Response {
  answers.push({ what, text: res.text ?? JSON.stringify(res.body) });
  return res;
}

/** A personal value as it may appear: as given, and with the check letter in either case. */
function variants(values: readonly string[]): string[] {
  return [...new Set(values.flatMap((v) => [v, v.toUpperCase(), v.toLowerCase()]))];
}

/** The working session described above; answers the last resident and the staff, each by role. */
const t = useTestApp({ staff: ['admin', 'reviewer', 'officer'] }, async ({ kit, admin, reviewer, officer }) => {
  const otherOfficer = await kit.officer('bqsq');
  // The factories always fill the ID number; an empty one would match everything below and fail loudly.
  let resident: Resident | undefined;
  for (let i = 0; i < 3; i += 1) {
    const a = await applicant(kit, 'park-chunjiang', { community: 'jmjy' });
    idNumbers.push(a.profile.idNumber ?? '');
    mobiles.push(a.profile.mobile);
    resident = a.resident;
    const res = keep('POST /api/applications', await postApplication(a.resident, a.body).expect(201));
    applicationIds.push((res.body as { id: string }).id);
  }
  if (!resident) throw new Error('no resident applied');
  const assisted = await registerAssisted(officer, { idNumber: idNumber(901, '19850101'), mobile: '13700009901' });
  assistedId = assisted.id;
  idNumbers.push(assisted.profile.idNumber ?? '');
  mobiles.push(assisted.profile.mobile);
  // A wrong ID number must not come back in the error either.
  const wrongId = `${idNumbers[0]?.slice(0, 17)}${idNumbers[0]?.endsWith('0') ? '1' : '0'}`;
  idNumbers.push(wrongId);
  keep('PUT /api/me (wrong ID number)', await resident.put('/api/me').send({ idNumber: wrongId, mobile: '12345' }).expect(400));
  mobiles.push('12345');

  keep('search by full ID number', await admin.post('/api/admin/applications/search').send({ q: idNumbers[0] }).expect(200));
  keep(
    'search by mobile tail',
    await admin
      .get('/api/admin/applications')
      .query({ q: mobiles[0]?.slice(-4) })
      .expect(200),
  );
  keep('export CSV', await admin.get('/api/admin/export').query({ format: 'csv' }).expect(200));
  for (const id of applicationIds) keep('GET /api/admin/applications/:id', await admin.get(`/api/admin/applications/${id}`).expect(200));
  keep('GET /api/admin/assisted/residents/:id', await admin.get(`/api/admin/assisted/residents/${assistedId}`).expect(200));
  for (const [role, staff] of [
    ['admin', admin],
    ['reviewer', reviewer],
    ['officer', officer],
  ] as const) {
    const res = await staff.post(`/api/admin/applications/${applicationIds[0]}/reveal-id`).send({ reason: `${role} 核对身份` });
    expect(res.body).toEqual({ idNumber: idNumbers[0] });
    reveals += 1;
  }
  const refused = await otherOfficer.post(`/api/admin/applications/${applicationIds[0]}/reveal-id`).send({ reason: '越权查看' });
  expect(refused.status).toBe(404);
  refusedReveals += 1;
  const staff: Record<'admin' | 'reviewer' | 'officer' | 'otherOfficer', Actor> = { admin, reviewer, officer, otherOfficer };
  return { resident, staff };
});

describe('personal data', () => {
  it('answers every GET route without the ID numbers, and without mobiles except a resident’s own profile', async () => {
    const gets = t.app.routes.filter((r) => r.method === 'get');
    for (const r of gets) {
      const values: Record<string, string> = r.path.startsWith('/api/admin/assisted')
        ? { id: assistedId }
        : { id: applicationIds[0] ?? '' };
      const url = concretePath(r, values);
      const callers: [string, Actor][] = r.access.kind === 'staff' ? Object.entries(t.staff) : [['resident', t.resident]];
      for (const [caller, by] of callers) {
        const req = (r.access.kind === 'public' ? t.kit.anonymous : by).get(url);
        const res = await req.buffer(true).parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
        const text = (res.body as Buffer).toString('utf8');
        if (r.access.kind !== 'public') {
          cacheable.checked += 1;
          if (!/\bno-store\b/.test(String(res.headers['cache-control'] ?? '')))
            cacheable.missing.push(`${routeKey(r)} as ${caller} (${res.status})`);
        }
        answers.push({ what: `${routeKey(r)} as ${caller}${r.path === '/api/me' ? ' (own profile)' : ''}`, text });
      }
    }
    const leaks = answers.flatMap(({ what, text }) => [
      ...variants(idNumbers)
        .filter((v) => text.includes(v))
        .map((v) => `${what}: ID number ${v.slice(0, 3)}…`),
      ...(what.endsWith('(own profile)')
        ? []
        : mobiles.filter((m) => m.length === 11 && text.includes(m)).map((m) => `${what}: mobile ${m.slice(0, 3)}…`)),
    ]);
    console.log(
      `[security] personal data: ${answers.length} answers checked (${gets.length} GET routes × callers, searches, export, errors), leaks ${leaks.length}`,
    );
    expect(leaks).toEqual([]);
  });

  it('tells every cache not to keep a signed-in answer (Cache-Control: no-store)', async () => {
    const search = await t.admin.post('/api/admin/applications/search').send({ q: idNumbers[0] });
    expect(search.headers['cache-control']).toBe('no-store');
    console.log(
      `[security] personal data: ${cacheable.checked} signed-in GET answers, ${cacheable.missing.length} without no-store: ${cacheable.missing.join('; ')}`,
    );
    expect(cacheable.checked).toBeGreaterThan(30);
    expect(cacheable.missing).toEqual([]);
  });

  it('shows staff no full birth date beside a masked number (it would give back all but the county code)', async () => {
    // Birth dates as an ID number carries them (YYYYMMDD) and as answers write them (YYYY-MM-DD).
    const births = idNumbers.map((id) => id.slice(6, 14)).flatMap((d) => [d, `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`]);
    const staffAnswers = answers.filter(
      ({ what }) => !/ as resident\b/.test(what) && !what.startsWith('PUT /api/me') && !what.startsWith('POST /api/applications'),
    );
    const shown = staffAnswers.flatMap(({ what, text }) => births.filter((b) => text.includes(b)).map((b) => `${what}: ${b.slice(0, 4)}…`));
    console.log(
      `[security] personal data: ${staffAnswers.length} staff answers checked for ${births.length / 2} birth dates, shown ${shown.length}`,
    );
    expect(staffAnswers.length).toBeGreaterThan(40);
    expect(shown).toEqual([]);
    const detail = await t.admin.get(`/api/admin/applications/${applicationIds[0]}`).expect(200);
    expect((detail.body as { applicant: { birthYear: number } }).applicant.birthYear).toBe(Number(idNumbers[0]?.slice(6, 10)));
  });

  it('masks ID numbers and mobiles in the review queue', async () => {
    const res = await t.admin.get('/api/admin/applications').expect(200);
    const items = (res.body as { items: { idNumberMasked: string; mobileMasked: string }[] }).items;
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items) {
      expect(item.idNumberMasked).toMatch(/^\d{3,6}\*{6,}[\dX]{1,4}$/);
      expect(item.mobileMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
  });

  it('writes none of them to the log', () => {
    const log = t.logs.join('');
    const found = [...variants(idNumbers), ...mobiles.filter((m) => m.length === 11)].filter((v) => log.includes(v));
    console.log(
      `[security] personal data: ${t.logs.length} log lines checked for ${idNumbers.length} ID numbers and ${mobiles.length} mobiles, found ${found.length}`,
    );
    expect(t.logs.length).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });

  it('stores none of them in plain text in any collection', async () => {
    const db = mongoose.connection.db;
    if (!db) throw new Error('not connected');
    const found: string[] = [];
    let documents = 0;
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      for (const doc of await db.collection(name).find({}).toArray()) {
        documents += 1;
        const text = mongoose.mongo.BSON.EJSON.stringify(doc);
        for (const v of [...variants(idNumbers), ...mobiles.filter((m) => m.length === 11)])
          if (text.includes(v)) found.push(`${name}: ${v.slice(0, 3)}…`);
      }
    }
    console.log(`[security] personal data: ${documents} stored documents checked, plain-text ID numbers or mobiles found ${found.length}`);
    expect(found).toEqual([]);
  });

  it('records every reveal in the audit log, and no refused one', async () => {
    const entries = await AuditModel.find({ action: 'reveal_id' }).lean();
    expect(entries).toHaveLength(reveals);
    expect(entries.map((e) => e.reason).sort()).toEqual(['admin 核对身份', 'officer 核对身份', 'reviewer 核对身份']);
    for (const e of entries) expect(String(e.applicationId)).toBe(applicationIds[0]);
    expect(await AuditModel.countDocuments({ reason: '越权查看' })).toBe(0);
    expect(await AuditModel.countDocuments({ action: 'export' })).toBeGreaterThanOrEqual(1);
    console.log(
      `[security] personal data: ${reveals} reveals, ${entries.length} audit entries; ${refusedReveals} refused reveal, 0 entries`,
    );
  });
});
