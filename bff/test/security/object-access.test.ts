import type { AnyRoute } from '../../src/http/route';
import { applicant, DECLARED, FORMS, postApplication, programId, registerAssisted, useTestApp } from '../kit';
import { concretePath, databaseFingerprint, diffFingerprints, routeKey } from './support';

/**
 * Object-level authorisation, generated from the router: every route with a
 * path parameter is called with someone else's object — a resident with
 * another resident's, an officer of community bqsq with an object of jmjy —
 * and must answer 403 or 404 and change nothing. A new route with a path
 * parameter fails this test until it says below whose object it takes.
 */

/** Objects of resident A, of community jmjy. */
const ids: Record<string, string> = {};
let versionA = 1;

/** Path prefix → parameter values naming an object that belongs to someone else (A, or community jmjy). */
function objectsOf(r: AnyRoute): Record<string, string> | undefined {
  const table: [string, Record<string, string | undefined>][] = [
    ['/api/applications/:id', { id: ids.application }],
    ['/api/materials/:id', { id: ids.material }],
    ['/api/admin/applications/:id', { id: ids.application, materialId: ids.material }],
    ['/api/admin/assisted/residents/:id', { id: ids.assisted }],
    ['/api/admin/links/:id', { id: ids.link }],
    ['/api/admin/certificates/:id', { id: ids.certificate, materialId: ids.evidence }],
    // Admin-only routes: an officer is refused by role whatever the object.
    ['/api/admin/staff/:id', { id: ids.staff }],
    ['/api/admin/programs/:id', { id: ids.program }],
    ['/api/admin/communities/:id', { id: 'jmjy' }],
  ];
  const row = table.find(([prefix]) => r.path.startsWith(prefix));
  return row ? Object.fromEntries(Object.entries(row[1]).filter((e): e is [string, string] => e[1] !== undefined)) : undefined;
}

/** Routes whose parameter names a public thing (a programme, a sign-up link), not anyone's object. */
const PUBLIC_OBJECTS = new Set([
  'GET /api/programs/:id',
  'GET /api/links/:id',
  'POST /api/links/:id/open',
  'POST /api/links/:id/attribute',
]);

/** Bodies good enough that validation passes and the ownership check is what answers. */
function bodyFor(r: AnyRoute): object | undefined {
  if (r.path.endsWith('/withdraw')) return { version: versionA, reason: '不想申请了' };
  if (r.path.endsWith('/resubmit')) return { version: versionA, form: FORMS.stall, materialIds: [], ...DECLARED };
  if (r.path.endsWith('/transitions')) return { action: 'approve', version: versionA };
  if (r.path.endsWith('/reveal-id') || r.path.endsWith('/reveal-mobile')) return { reason: '核对身份' };
  if (r.path.endsWith('/certificate')) return { categories: ['registered_unemployed'], materialIds: [ids.material] };
  if (r.path === '/api/admin/certificates/:id/decisions') return { action: 'suspend', version: 3, reason: '核对材料' };
  if (r.path === '/api/admin/assisted/residents/:id/applications')
    return { programId: ids.program, form: FORMS.stall, materialIds: [], ...DECLARED };
  if (r.path === '/api/admin/staff/:id') return { disabled: true };
  if (r.path === '/api/admin/programs/:id') return { status: 'closed' };
  if (r.path === '/api/admin/communities/:id') return { name: '改名' };
  return r.body && r.bodyType !== 'multipart' ? {} : undefined;
}

/**
 * Residents A and B of jmjy (A with an application, a material and a verified
 * 就业创业证 with its evidence, at version 3 after the check and the approval), an
 * assisted resident and a sign-up link of jmjy, and an officer of bqsq.
 */
const t = useTestApp({ staff: ['admin', 'officer'] }, async ({ kit, admin, officer }) => {
  const a = await applicant(kit, 'park-chunjiang', { community: 'jmjy' });
  const b = await applicant(kit, 'park-chunjiang', { community: 'jmjy' });
  const app = (await postApplication(a.resident, a.body).expect(201)).body as { id: string; version: number; number: string };
  ids.application = app.id;
  versionA = app.version;
  ids.number = app.number;
  ids.material = a.body.materialIds[0] ?? '';
  ids.certificate = ((await a.resident.get('/api/me/certificate').expect(200)).body as { certificate: { id: string } }).certificate.id;
  ids.evidence =
    ((await admin.get(`/api/admin/certificates/${ids.certificate}`).expect(200)).body as { materialIds: string[] }).materialIds[0] ?? '';
  ids.program = await programId('park-chunjiang');
  ids.staff = admin.id;
  ids.assisted = (await registerAssisted(officer)).id;
  ids.link = ((await officer.post('/api/admin/links').send({ community: 'jmjy' }).expect(201)).body as { id: string }).id;
  return {
    residentA: a.resident,
    residentB: b.resident,
    profileA: a.profile,
    profileB: b.profile,
    otherOfficer: await kit.officer('bqsq'),
  };
});

const figures = { routes: 0, requests: 0, refused: 0, storedChanges: 0 };
afterAll(() => {
  console.log(
    `[security] object-level access: ${figures.routes} routes with someone else's object, ${figures.requests} requests, ${figures.refused} refused (403/404), stored changes ${figures.storedChanges}`,
  );
});

describe('object-level access', () => {
  it('names whose object every route with a path parameter takes', () => {
    const unknown = t.app.routes.filter((r) => r.path.includes(':') && !PUBLIC_OBJECTS.has(routeKey(r)) && !objectsOf(r)).map(routeKey);
    expect(unknown).toEqual([]);
  });

  it("refuses a resident another resident's objects and an officer another community's, changing nothing", async () => {
    const before = await databaseFingerprint();
    const answers: string[] = [];
    for (const r of t.app.routes.filter((x) => x.path.includes(':') && !PUBLIC_OBJECTS.has(routeKey(x)))) {
      const values = objectsOf(r);
      if (!values) continue;
      const caller = r.access.kind === 'resident' ? t.residentB : t.otherOfficer;
      const req = caller[r.method](concretePath(r, values));
      req.set('Idempotency-Key', `object-access-${figures.requests}`);
      const body = bodyFor(r);
      const res = await (body
        ? req.send(body)
        : r.bodyType === 'multipart'
          ? req.field('purpose', 'id_card').attach('file', Buffer.from('%PDF-1.4\n'), { filename: 'a.pdf', contentType: 'application/pdf' })
          : req);
      figures.routes += 1;
      figures.requests += 1;
      if (res.status === 403 || res.status === 404) figures.refused += 1;
      else answers.push(`${routeKey(r)} → ${res.status} ${(res.body as { error?: { code?: string } }).error?.code ?? ''}`);
    }
    const changed = diffFingerprints(before, await databaseFingerprint());
    figures.storedChanges = changed.length;
    expect({ answers, changed }).toEqual({ answers: [], changed: [] });
    expect(figures.routes).toBeGreaterThanOrEqual(15);
  });

  it("cannot take over another resident's profile by its ID number; each sees only their own", async () => {
    const meA = await t.residentA.get('/api/me').expect(200);
    const res = await t.residentB.put('/api/me').send({ ...t.profileB, idNumber: t.profileA.idNumber });
    expect({ status: res.status, code: (res.body as { error?: { code?: string } }).error?.code }).toEqual({
      status: 409,
      code: 'ID_NUMBER_TAKEN',
    });
    expect((await t.residentA.get('/api/me').expect(200)).body).toEqual(meA.body);
    const meB = await t.residentB.get('/api/me').expect(200);
    expect((meB.body as { id: string }).id).not.toBe((meA.body as { id: string }).id);
    expect(JSON.stringify(meB.body)).not.toContain(t.profileA.mobile);
  });

  it("lists none of another resident's applications or materials", async () => {
    const apps = await t.residentB.get('/api/applications').expect(200);
    const mats = await t.residentB.get('/api/materials').expect(200);
    expect((apps.body as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(ids.application);
    expect((mats.body as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(ids.material);
  });

  it("refuses to attach another resident's material to an application", async () => {
    const res = await postApplication(t.residentB, {
      programId: await programId('loan-guaranteed'),
      form: FORMS.loan,
      materialIds: [ids.material ?? ''],
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('shows an officer nothing of another community in lists, stats, links, funnel or assisted residents', async () => {
    const officer = t.otherOfficer;
    const queue = await officer.get('/api/admin/applications').expect(200);
    expect((queue.body as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(ids.application);
    const filtered = await officer.get('/api/admin/applications').query({ community: 'jmjy' });
    expect(filtered.status === 403 || (filtered.status === 200 && (filtered.body as { total: number }).total === 0)).toBe(true);
    const stats = await officer.get('/api/admin/stats').query({ community: 'jmjy' });
    expect(stats.status === 403 || JSON.stringify(stats.body).includes('"total":0')).toBe(true);
    await officer.get('/api/admin/links').query({ community: 'jmjy' }).expect(403);
    await officer.get('/api/admin/links/funnel').query({ community: 'jmjy' }).expect(403);
    const assisted = await officer.get('/api/admin/assisted/residents').query({ community: 'jmjy' });
    expect(assisted.status === 403 || !JSON.stringify(assisted.body).includes(ids.assisted ?? '')).toBe(true);
    const exported = await officer.get('/api/admin/export').query({ format: 'csv' }).expect(200);
    expect(ids.number).toMatch(/\d/);
    expect(exported.text).not.toContain(ids.number);
  });
});
