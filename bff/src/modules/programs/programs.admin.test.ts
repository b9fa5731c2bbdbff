import { randomUUID } from 'node:crypto';
import type { ProgramKind } from '@minsheng/shared';
import { AuditModel } from '../audit/model';
import { SlotModel } from './model';
import { type Actor, FORMS, postApplication, useTestApp } from '../../../test/kit';

const t = useTestApp({ seedCatalog: false, staff: ['admin', 'reviewer', 'officer'] });

interface ProgramBody {
  id: string;
  code: string;
  kind: ProgramKind;
  title: string;
  status: 'open' | 'closed';
  acceptingNow: boolean;
  capacity: { total: number; remaining: number } | null;
  details: Record<string, unknown>;
}

const DETAILS: Record<ProgramKind, Record<string, unknown>> = {
  stall: { park: '板桥创业园', address: '南京市雨花台区板桥街道', categories: ['general_goods', 'clothing'], monthlyRentFen: 10000 },
  loan: { maxAmountFen: 5_000_000, maxTermMonths: 24, lender: '合作银行' },
  training: {
    category: 'order_based',
    trade: '电焊工',
    school: '合作技工学校',
    startsOn: '2027-03-01',
    hours: 240,
    subsidyPerTraineeFen: 140000,
  },
  subsidy: { period: 'quarter', amountPerPeriodFen: 90000 },
};
const CAPACITY: Partial<Record<ProgramKind, Record<string, unknown>>> = {
  stall: { places: 3, prefix: 'BQ' },
  training: { places: 2 },
};

/** A valid creation body: no eligibility rules and no required materials, so any resident with a profile may apply. */
function programBody(kind: ProgramKind, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: `${kind}-${randomUUID().slice(0, 8)}`,
    kind,
    title: `新${kind}项目`,
    summary: '区劳动和社会保障局新开的服务项目。',
    benefits: ['免费'],
    details: DETAILS[kind],
    opensAt: '2026-01-01T00:00:00+08:00',
    ...(CAPACITY[kind] ? { capacity: CAPACITY[kind] } : {}),
    ...overrides,
  };
}

async function create(kind: ProgramKind, overrides: Record<string, unknown> = {}): Promise<ProgramBody> {
  const res = await t.admin.post('/api/admin/programs').send(programBody(kind, overrides)).expect(201);
  return res.body as ProgramBody;
}

function patch(id: string, body: Record<string, unknown>, by: Actor = t.admin) {
  return by.patch(`/api/admin/programs/${id}`).send(body);
}

async function slotLabels(programId: string): Promise<string[]> {
  const slots = await SlotModel.find({ programId }).sort({ order: 1 }).lean();
  return slots.map((s) => s.label);
}

async function residentCatalog(): Promise<ProgramBody[]> {
  return (await t.http.get('/api/programs').expect(200)).body.items as ProgramBody[];
}

/** A resident applies; returns the application's id and version. */
async function apply(program: ProgramBody): Promise<{ id: string; version: number }> {
  const resident = await t.kit.resident({ profile: {} });
  const res = await postApplication(resident, { programId: program.id, form: FORMS[program.kind] }).expect(201);
  return res.body as { id: string; version: number };
}

async function step(
  app: { id: string; version: number },
  action: string,
): Promise<{ id: string; version: number; status: string; assignment: { label: string } | null }> {
  const res = await t.admin.post(`/api/admin/applications/${app.id}/transitions`).send({ action, version: app.version }).expect(200);
  return res.body as { id: string; version: number; status: string; assignment: { label: string } | null };
}

/** A resident applies and an administrator approves: the application then holds a stall or seat (or waits for one). */
async function applyAndApprove(program: ProgramBody) {
  return step(await step(await apply(program), 'start_review'), 'approve');
}

describe('POST /api/admin/programs', () => {
  it('creates a park with stalls labelled from a prefix', async () => {
    const park = await create('stall', { capacity: { places: 3, prefix: 'BQ' } });
    expect(park).toMatchObject({
      kind: 'stall',
      status: 'open',
      acceptingNow: true,
      capacity: { total: 3, remaining: 3 },
      details: DETAILS.stall,
    });
    expect(await slotLabels(park.id)).toEqual(['BQ-001', 'BQ-002', 'BQ-003']);
  });

  it('creates a park with the stall labels given', async () => {
    const park = await create('stall', { capacity: { labels: ['A1', 'A2', '东-1'] } });
    expect(park.capacity).toEqual({ total: 3, remaining: 3 });
    expect(await slotLabels(park.id)).toEqual(['A1', 'A2', '东-1']);
  });

  it('creates a class with numbered seats', async () => {
    const cls = await create('training', { capacity: { places: 4 } });
    expect(cls.capacity).toEqual({ total: 4, remaining: 4 });
    expect(await slotLabels(cls.id)).toEqual(['1号', '2号', '3号', '4号']);
  });

  it('creates a loan scheme and a subsidy scheme, which have no places', async () => {
    const loan = await create('loan');
    const subsidy = await create('subsidy', { closesAt: '2030-12-31T00:00:00+08:00' });
    expect(loan).toMatchObject({ kind: 'loan', capacity: null, details: DETAILS.loan });
    expect(subsidy).toMatchObject({ kind: 'subsidy', capacity: null, closesAt: '2030-12-30T16:00:00.000Z' });
    expect(await SlotModel.countDocuments({ programId: loan.id })).toBe(0);
  });

  it('shows the new programme in the residents’ catalog with its places', async () => {
    const cls = await create('training', { capacity: { places: 5 } });
    const listed = (await residentCatalog()).find((p) => p.id === cls.id);
    expect(listed).toMatchObject({ code: cls.code, acceptingNow: true, capacity: { total: 5, remaining: 5 } });
  });

  it('lets a resident apply to the new programme', async () => {
    const loan = await create('loan');
    const app = await apply(loan);
    expect(app.id).toEqual(expect.any(String));
  });

  it('answers 409 for a code in use', async () => {
    const loan = await create('loan');
    const res = await t.admin
      .post('/api/admin/programs')
      .send(programBody('subsidy', { code: loan.code }))
      .expect(409);
    expect(res.body.error.code).toBe('CONFLICT');
  });

  it('answers 400 with fields when the details do not fit the kind', async () => {
    const res = await t.admin
      .post('/api/admin/programs')
      .send(programBody('stall', { details: DETAILS.loan }))
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.body.error.fields)).toEqual(expect.arrayContaining(['details.park', 'details.categories']));
  });

  it('answers 400 for a malformed code', async () => {
    const res = await t.admin
      .post('/api/admin/programs')
      .send(programBody('loan', { code: 'Park One' }))
      .expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['code']);
  });

  it('answers 400 for an unknown kind', async () => {
    const res = await t.admin
      .post('/api/admin/programs')
      .send(programBody('loan', { kind: 'grant' }))
      .expect(400);
    expect(res.body.error.fields).toEqual({ kind: '服务类型不正确' });
  });

  it('answers 400 when the window closes before it opens', async () => {
    const res = await t.admin
      .post('/api/admin/programs')
      .send(programBody('loan', { closesAt: '2025-06-01T00:00:00+08:00' }))
      .expect(400);
    expect(res.body.error.fields).toEqual({ closesAt: '截止时间应晚于开始时间' });
  });

  it('answers 400 for a class without seats', async () => {
    const res = await t.admin
      .post('/api/admin/programs')
      .send(programBody('training', { capacity: undefined }))
      .expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['capacity']);
  });

  it('answers 400 for stall places without a label prefix', async () => {
    const res = await t.admin
      .post('/api/admin/programs')
      .send(programBody('stall', { capacity: { places: 3 } }))
      .expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['capacity.prefix']);
  });

  it('answers 400 for repeated stall labels', async () => {
    const res = await t.admin
      .post('/api/admin/programs')
      .send(programBody('stall', { capacity: { labels: ['A1', 'A2', 'A1'] } }))
      .expect(400);
    expect(res.body.error.fields).toEqual({ 'capacity.labels.2': '摊位编号 A1 重复' });
  });

  it('answers 400 for places on a loan scheme', async () => {
    const res = await t.admin
      .post('/api/admin/programs')
      .send(programBody('loan', { capacity: { places: 3 } }))
      .expect(400);
    expect(res.body.error.fields).toEqual({ _: '不支持的字段：capacity' });
  });

  it('answers 403 to a reviewer and to an officer', async () => {
    for (const staff of [t.reviewer, t.officer]) {
      const res = await staff.post('/api/admin/programs').send(programBody('loan')).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('answers 401 to a resident', async () => {
    const resident = await t.kit.resident({ profile: {} });
    const res = await resident.post('/api/admin/programs').send(programBody('loan')).expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('audit of catalog changes', () => {
  it('records who created, changed and closed a programme, and what they touched; a refused change records nothing', async () => {
    const who = await t.kit.staff('admin');
    const loan = (
      await who
        .post('/api/admin/programs')
        .send(programBody('loan', { title: '审计测试贷款' }))
        .expect(201)
    ).body as ProgramBody;
    await patch(loan.id, { title: '审计测试贷款（新）', closesAt: '2027-12-31T00:00:00+08:00' }, who).expect(200);
    await patch(loan.id, { status: 'closed' }, who).expect(200);
    await patch(loan.id, { capacity: { places: 3 } }, who).expect(400);

    const entries = await AuditModel.find({ programId: loan.id }).sort({ at: 1, _id: 1 }).lean();
    expect(entries.map((e) => [e.action, e.reason, String(e.staffId), e.role])).toEqual([
      ['program_create', '新建项目：审计测试贷款', who.id, 'admin'],
      ['program_update', '修改项目：标题、截止时间', who.id, 'admin'],
      ['program_update', '关闭项目', who.id, 'admin'],
    ]);
  });
});

describe('GET /api/admin/programs', () => {
  it('shows every member of staff closed programmes too, with places', async () => {
    const cls = await create('training', { capacity: { places: 3 } });
    await patch(cls.id, { status: 'closed' }).expect(200);
    const res = await t.officer.get('/api/admin/programs').expect(200);
    const listed = (res.body.items as ProgramBody[]).find((p) => p.id === cls.id);
    expect(listed).toMatchObject({ status: 'closed', acceptingNow: false, capacity: { total: 3, remaining: 3 } });
  });

  it('filters by status and kind', async () => {
    const loan = await create('loan');
    await patch(loan.id, { status: 'closed' }).expect(200);
    const res = await t.reviewer.get('/api/admin/programs').query({ kind: 'loan', status: 'closed' }).expect(200);
    const items = res.body.items as ProgramBody[];
    expect(items.map((p) => p.id)).toContain(loan.id);
    expect(items.every((p) => p.kind === 'loan' && p.status === 'closed')).toBe(true);
  });

  it('answers 401 to a resident', async () => {
    const resident = await t.kit.resident({ profile: {} });
    await resident.get('/api/admin/programs').expect(401);
  });
});

describe('PATCH /api/admin/programs/:id', () => {
  it('closes a programme: it leaves the residents’ catalog and new applications are refused', async () => {
    const loan = await create('loan');
    const closed = await patch(loan.id, { status: 'closed' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', acceptingNow: false });
    expect((await residentCatalog()).map((p) => p.id)).not.toContain(loan.id);

    const resident = await t.kit.resident({ profile: {} });
    const res = await postApplication(resident, { programId: loan.id, form: FORMS.loan }).expect(422);
    expect(res.body.error.code).toBe('PROGRAM_CLOSED');
  });

  it('lets existing applications go on after closing', async () => {
    const cls = await create('training', { capacity: { places: 2 } });
    const app = await apply(cls);
    await patch(cls.id, { status: 'closed' }).expect(200);
    const approved = await step(await step(app, 'start_review'), 'approve');
    expect(approved.status).toBe('approved');
    expect(approved.assignment?.label).toBe('1号');
  });

  it('reopens a closed programme', async () => {
    const loan = await create('loan');
    await patch(loan.id, { status: 'closed' }).expect(200);
    const res = await patch(loan.id, { status: 'open' }).expect(200);
    expect(res.body.acceptingNow).toBe(true);
    expect((await residentCatalog()).map((p) => p.id)).toContain(loan.id);
  });

  it('changes texts and the details of the same kind', async () => {
    const cls = await create('training');
    const details = { ...DETAILS.training, trade: '数控', startsOn: '2027-04-01' };
    const res = await patch(cls.id, { title: '数控定单式培训班', details, eligibility: { minAge: 16, maxAge: 45 } }).expect(200);
    expect(res.body).toMatchObject({ title: '数控定单式培训班', details, eligibility: { minAge: 16, maxAge: 45 } });
    expect(res.body.eligibilityText.length).toBeGreaterThan(0);
  });

  it('answers 400 with fields when the details do not fit the programme’s kind', async () => {
    const loan = await create('loan');
    const res = await patch(loan.id, { details: DETAILS.subsidy }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.body.error.fields)).toEqual(expect.arrayContaining(['details.maxAmountFen', 'details.maxTermMonths']));
  });

  it('answers 400 for a change of kind', async () => {
    const loan = await create('loan');
    const res = await patch(loan.id, { kind: 'subsidy' }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 400 when the new closing time is before the stored opening time', async () => {
    const loan = await create('loan', { opensAt: '2026-03-01T00:00:00+08:00' });
    const res = await patch(loan.id, { closesAt: '2026-02-01T00:00:00+08:00' }).expect(400);
    expect(res.body.error.fields).toEqual({ closesAt: '截止时间应晚于开始时间' });
  });

  it('answers 400 for an empty change', async () => {
    const loan = await create('loan');
    await patch(loan.id, {}).expect(400);
  });

  it('answers 400 for places on a subsidy scheme', async () => {
    const subsidy = await create('subsidy');
    const res = await patch(subsidy.id, { capacity: { places: 10 } }).expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['capacity']);
  });

  it('adds seats to a class', async () => {
    const cls = await create('training', { capacity: { places: 2 } });
    const res = await patch(cls.id, { capacity: { places: 4 } }).expect(200);
    expect(res.body.capacity).toEqual({ total: 4, remaining: 4 });
    expect(await slotLabels(cls.id)).toEqual(['1号', '2号', '3号', '4号']);
  });

  it('adds stalls continuing the park’s label prefix', async () => {
    const park = await create('stall', { capacity: { places: 2, prefix: 'JM' } });
    const res = await patch(park.id, { capacity: { places: 4 } }).expect(200);
    expect(res.body.capacity).toEqual({ total: 4, remaining: 4 });
    expect(await slotLabels(park.id)).toEqual(['JM-001', 'JM-002', 'JM-003', 'JM-004']);
  });

  it('sets a park’s stalls to the labels given, adding and removing free ones', async () => {
    const park = await create('stall', { capacity: { labels: ['A1', 'A2', 'A3'] } });
    const res = await patch(park.id, { capacity: { labels: ['A1', 'A3', 'B1', 'B2'] } }).expect(200);
    expect(res.body.capacity).toEqual({ total: 4, remaining: 4 });
    expect(await slotLabels(park.id)).toEqual(['A1', 'A3', 'B1', 'B2']);
  });

  it('answers 400 when new stalls need a prefix the park’s labels do not show', async () => {
    const park = await create('stall', { capacity: { labels: ['东1', '西1'] } });
    const res = await patch(park.id, { capacity: { places: 3 } }).expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['capacity.prefix']);
    const ok = await patch(park.id, { capacity: { places: 3, prefix: 'N' } }).expect(200);
    expect(ok.body.capacity).toEqual({ total: 3, remaining: 3 });
  });

  it('gives new seats of a full class to the wait-list', async () => {
    const cls = await create('training', { capacity: { places: 1 } });
    await applyAndApprove(cls);
    const waiting = await applyAndApprove(cls);
    expect(waiting.status).toBe('waitlisted');

    const res = await patch(cls.id, { capacity: { places: 2 } }).expect(200);
    expect(res.body.capacity).toEqual({ total: 2, remaining: 0 });
    const after = await t.admin.get(`/api/admin/applications/${waiting.id}`).expect(200);
    expect(after.body).toMatchObject({ status: 'approved', assignment: { label: '2号' } });
  });

  it('removes free places, keeping the held ones', async () => {
    const cls = await create('training', { capacity: { places: 4 } });
    await applyAndApprove(cls);
    const res = await patch(cls.id, { capacity: { places: 2 } }).expect(200);
    expect(res.body.capacity).toEqual({ total: 2, remaining: 1 });
    expect(await slotLabels(cls.id)).toEqual(['1号', '2号']);
  });

  it('answers 409 when lowering below the places held, and removes nothing', async () => {
    const park = await create('stall', { capacity: { places: 3, prefix: 'XC' } });
    await applyAndApprove(park);
    await applyAndApprove(park);
    const res = await patch(park.id, { capacity: { places: 1 } }).expect(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(res.body.error.details).toEqual({ held: 2, minimum: 2 });
    expect(await slotLabels(park.id)).toEqual(['XC-001', 'XC-002', 'XC-003']);
  });

  it('answers 409 when the labels given leave out a held stall', async () => {
    const park = await create('stall', { capacity: { labels: ['A1', 'A2'] } });
    const approved = await applyAndApprove(park);
    expect(approved.assignment?.label).toBe('A1');
    const res = await patch(park.id, { capacity: { labels: ['A2', 'A3'] } }).expect(409);
    expect(res.body.error.details).toEqual({ held: ['A1'] });
    expect(await slotLabels(park.id)).toEqual(['A1', 'A2']);
  });

  it('answers 404 for an unknown programme', async () => {
    const res = await patch('0123456789abcdef01234567', { status: 'closed' }).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 403 to a reviewer and to an officer', async () => {
    const loan = await create('loan');
    for (const staff of [t.reviewer, t.officer]) {
      const res = await patch(loan.id, { status: 'closed' }, staff).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('answers 401 to a resident', async () => {
    const loan = await create('loan');
    const resident = await t.kit.resident({ profile: {} });
    await patch(loan.id, { status: 'closed' }, resident).expect(401);
  });

  it('has no DELETE: programmes are closed, not deleted', async () => {
    const loan = await create('loan');
    const res = await t.admin.delete(`/api/admin/programs/${loan.id}`).expect(405);
    expect(res.headers.allow).toContain('PATCH');
  });
});
