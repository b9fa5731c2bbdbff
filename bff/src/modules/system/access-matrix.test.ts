import {
  createProgram,
  FORMS,
  postApplication,
  profileInput,
  startTestApp,
  testKit,
  type Actor,
  type TestContext,
  uploadConsent,
  uploadMaterial,
} from '../../../test/kit';

/**
 * Every route × every caller → the expected outcome. "pass" means the caller
 * gets past authentication and authorisation (any status but 401 and 403);
 * a number is the exact status. A route missing from this table fails the
 * test, so a new route cannot ship without a decision about who may call it.
 */
type Outcome = 'pass' | 401 | 403 | 404;
type Caller = 'none' | 'resident' | 'admin' | 'reviewer' | 'officer' | 'otherOfficer';
type Row = Record<Caller, Outcome>;

const PUBLIC: Row = { none: 'pass', resident: 'pass', admin: 'pass', reviewer: 'pass', officer: 'pass', otherOfficer: 'pass' };
const RESIDENT: Row = { none: 401, resident: 'pass', admin: 401, reviewer: 401, officer: 401, otherOfficer: 401 };
const ALL_STAFF: Row = { none: 401, resident: 401, admin: 'pass', reviewer: 'pass', officer: 'pass', otherOfficer: 'pass' };
/** An application of community jmjy: an officer of another community finds nothing. */
const STAFF_ON_APPLICATION: Row = { ...ALL_STAFF, otherOfficer: 404 };
const ADMIN_ONLY: Row = { none: 401, resident: 401, admin: 'pass', reviewer: 403, officer: 403, otherOfficer: 403 };
/** Asked about community jmjy: an officer of another community is refused. */
const STAFF_OF_COMMUNITY: Row = { ...ALL_STAFF, otherOfficer: 403 };
/** Assisted applications (帮办): officers and admins, not reviewers. */
const OFFICERS: Row = { ...ALL_STAFF, reviewer: 403 };
/** A resident an officer of jmjy registered: an officer of another community finds nothing. */
const OFFICERS_ON_ASSISTED: Row = { ...OFFICERS, otherOfficer: 404 };
/** A link of community jmjy: an officer of another community finds nothing. */
const STAFF_ON_LINK: Row = { ...ALL_STAFF, otherOfficer: 404 };
/** A 就业创业证 of community jmjy: an officer of another community finds nothing. */
const STAFF_ON_CERTIFICATE: Row = { ...ALL_STAFF, otherOfficer: 404 };

const EXPECTED: Record<string, Row> = {
  'GET /healthz': PUBLIC,
  'GET /readyz': PUBLIC,
  'GET /api/openapi.json': PUBLIC,
  'GET /api/communities': PUBLIC,
  'GET /api/programs': PUBLIC,
  'GET /api/programs/:id': PUBLIC,
  'POST /api/auth/wechat': PUBLIC,
  'GET /api/me': RESIDENT,
  'PUT /api/me': RESIDENT,
  'POST /api/me/phone-number': RESIDENT,
  'GET /api/me/messages': RESIDENT,
  'POST /api/me/messages/read': RESIDENT,
  'GET /api/me/subscriptions': RESIDENT,
  'POST /api/me/subscriptions': RESIDENT,
  'POST /api/materials': RESIDENT,
  'GET /api/materials': RESIDENT,
  'GET /api/materials/:id': RESIDENT,
  'POST /api/applications': RESIDENT,
  'GET /api/applications': RESIDENT,
  'GET /api/applications/:id': RESIDENT,
  'POST /api/applications/:id/withdraw': RESIDENT,
  'POST /api/applications/:id/resubmit': RESIDENT,
  'POST /api/admin/login': PUBLIC,
  'GET /api/admin/me': ALL_STAFF,
  'GET /api/admin/staff': ADMIN_ONLY,
  'POST /api/admin/staff': ADMIN_ONLY,
  'PATCH /api/admin/staff/:id': ADMIN_ONLY,
  'GET /api/admin/applications': ALL_STAFF,
  'POST /api/admin/applications/search': ALL_STAFF,
  'GET /api/admin/applications/:id': STAFF_ON_APPLICATION,
  'POST /api/admin/applications/:id/reveal-id': STAFF_ON_APPLICATION,
  'POST /api/admin/applications/:id/reveal-mobile': STAFF_ON_APPLICATION,
  'GET /api/admin/applications/:id/materials/:materialId': STAFF_ON_APPLICATION,
  'POST /api/admin/applications/:id/transitions': { ...STAFF_ON_APPLICATION, officer: 403 },
  'GET /api/admin/programs': ALL_STAFF,
  'POST /api/admin/programs': ADMIN_ONLY,
  'PATCH /api/admin/programs/:id': ADMIN_ONLY,
  'GET /api/admin/stats': ALL_STAFF,
  'GET /api/admin/export': ALL_STAFF,
  'GET /api/admin/audit': ADMIN_ONLY,
  'GET /api/admin/communities': ALL_STAFF,
  'POST /api/admin/communities': ADMIN_ONLY,
  'PATCH /api/admin/communities/:id': ADMIN_ONLY,
  'POST /api/admin/links': { ...STAFF_OF_COMMUNITY, reviewer: 403 },
  'GET /api/admin/links': STAFF_OF_COMMUNITY,
  'GET /api/admin/links/funnel': STAFF_OF_COMMUNITY,
  'GET /api/admin/links/:id/code.png': STAFF_ON_LINK,
  'GET /api/admin/links/:id/poster.pdf': STAFF_ON_LINK,
  'GET /api/admin/links/:id/poster.png': STAFF_ON_LINK,
  'GET /api/links/:id': PUBLIC,
  'POST /api/links/:id/open': PUBLIC,
  'GET /api/admin/assisted/residents': OFFICERS,
  'POST /api/admin/assisted/residents': { ...OFFICERS, otherOfficer: 403 },
  'GET /api/admin/assisted/residents/:id': OFFICERS_ON_ASSISTED,
  'POST /api/admin/assisted/residents/:id/consent': OFFICERS_ON_ASSISTED,
  'POST /api/admin/assisted/residents/:id/materials': OFFICERS_ON_ASSISTED,
  'POST /api/admin/assisted/residents/:id/applications': OFFICERS_ON_ASSISTED,
  'POST /api/me/consent': RESIDENT,
  'GET /api/me/certificate': RESIDENT,
  'POST /api/me/certificate': RESIDENT,
  'POST /api/admin/assisted/residents/:id/certificate': OFFICERS_ON_ASSISTED,
  'GET /api/admin/certificates': ALL_STAFF,
  'GET /api/admin/certificates/:id': STAFF_ON_CERTIFICATE,
  'GET /api/admin/certificates/:id/materials/:materialId': STAFF_ON_CERTIFICATE,
  // Approval is the bureau's: the station's officer is refused by role (a reviewer or admin passes, to a 409 on a pending one).
  'POST /api/admin/certificates/:id/decisions': { ...STAFF_ON_CERTIFICATE, officer: 403 },
  'POST /api/links/:id/attribute': RESIDENT,
  // Last: a caller who passes here has logged out, and every later row would see its token refused.
  'POST /api/auth/logout': RESIDENT,
  'POST /api/admin/logout': ALL_STAFF,
};

let t: TestContext;
let callers: Record<Caller, Actor>;
let applicationId = '';
let linkId = '';
let assistedId = '';
let certificateId = '';

beforeAll(async () => {
  t = await startTestApp();
  const kit = testKit(t);
  callers = {
    none: kit.anonymous,
    resident: await kit.resident(),
    admin: await kit.admin(),
    reviewer: await kit.staff('reviewer'),
    officer: await kit.officer('jmjy'),
    otherOfficer: await kit.officer('bqsq'),
  };
  const programId = await createProgram({ kind: 'stall' }, 2);
  const applicant = await kit.resident({ profile: { community: 'jmjy' } });
  const res = await postApplication(applicant, { programId, form: FORMS.stall, materialIds: [] });
  applicationId = (res.body as { id: string }).id;
  const evidence = await uploadMaterial(applicant, 'employment_registration');
  const certificate = await applicant
    .post('/api/me/certificate')
    .send({ categories: ['registered_unemployed'], materialIds: [evidence] })
    .expect(201);
  certificateId = (certificate.body as { id: string }).id;
  const link = await callers.admin.post('/api/admin/links').send({ community: 'jmjy' }).expect(201);
  linkId = (link.body as { id: string }).id;
  const assisted = await callers.admin
    .post('/api/admin/assisted/residents')
    .send(profileInput({ community: 'jmjy' }))
    .expect(201);
  assistedId = (assisted.body as { id: string }).id;
  // With the resident's consent, applying for them is refused for the body, not for a missing consent.
  await uploadConsent(callers.admin, assistedId).expect(200);
});
afterAll(() => t.close());

function send(method: string, path: string, caller: Caller) {
  const target = path.includes('/links')
    ? linkId
    : path.includes('/assisted/')
      ? assistedId
      : path.includes('/certificates/')
        ? certificateId
        : applicationId;
  const url = path.replace(':id', target).replace(':materialId', '0123456789abcdef01234567');
  const req = callers[caller][method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
  // The officers' transition check must be about the role, not a missing body.
  if (path.endsWith('/transitions')) return req.send({ action: 'approve', version: 1 });
  if (path.endsWith('/reveal-id') || path.endsWith('/reveal-mobile')) return req.send({ reason: '核对身份' });
  if (path.endsWith('/decisions')) return req.send({ action: 'approve', version: 1 });
  // Applying for an assisted resident must be refused for the other community's officer because of the resident, not a missing body.
  if (path.endsWith('/certificate') && path.startsWith('/api/admin/')) {
    return req.send({ categories: ['registered_unemployed'], materialIds: ['0123456789abcdef01234567'] });
  }
  // The link routes' community check must be about the caller's communities, not a missing one.
  if (method === 'POST' && path === '/api/admin/links') return req.send({ community: 'jmjy' });
  if (path === '/api/admin/links' || path === '/api/admin/links/funnel') return req.query({ community: 'jmjy' });
  // Registering must be refused for the other community's officer because of the community, not a missing body.
  if (method === 'POST' && path === '/api/admin/assisted/residents') return req.send(profileInput({ community: 'jmjy' }));
  return req;
}

describe('access matrix', () => {
  it('has an entry for every route of the app', () => {
    const missing = t.app.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).filter((key) => !EXPECTED[key]);
    expect(missing).toEqual([]);
  });

  it('lists no route that the app lacks', () => {
    const present = new Set(t.app.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`));
    expect(Object.keys(EXPECTED).filter((key) => !present.has(key))).toEqual([]);
  });

  const cases = Object.entries(EXPECTED).flatMap(([key, row]) =>
    (Object.entries(row) as [Caller, Outcome][]).map(([caller, outcome]) => [key, caller, outcome] as const),
  );

  it.each(cases)('%s as %s → %s', async (key, caller, outcome) => {
    const [method = 'GET', path = '/'] = key.split(' ');
    const res = await send(method, path, caller);
    if (outcome === 'pass') {
      expect([401, 403]).not.toContain(res.status);
    } else {
      expect(res.status).toBe(outcome);
    }
  });
});
