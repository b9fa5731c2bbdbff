import { Types } from 'mongoose';
import { SlotHoldModel, SlotModel } from './model';
import { SEED_PROGRAMS } from '@minsheng/shared/catalog';
import { createProgram, oid, programId, startTestApp, type TestContext } from '../../../test/kit';

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface ProgramBody {
  id: string;
  code: string;
  kind: string;
  acceptingNow: boolean;
  capacity: { total: number; remaining: number } | null;
}

const seedCodes = SEED_PROGRAMS.map((p) => p.code);
const fromSeed = (items: ProgramBody[]) => items.filter((p) => seedCodes.includes(p.code));

describe('GET /api/programs', () => {
  it('lists the nine seed programmes, accepting now', async () => {
    const res = await t.http.get('/api/programs').expect(200);
    const items = fromSeed(res.body.items as ProgramBody[]);
    expect(items.map((p) => p.code).sort()).toEqual([...seedCodes].sort());
    expect(items.every((p) => p.acceptingNow)).toBe(true);
  });

  it('filters by kind', async () => {
    const res = await t.http.get('/api/programs').query({ kind: 'training' }).expect(200);
    const items = res.body.items as ProgramBody[];
    expect(items.every((p) => p.kind === 'training')).toBe(true);
    expect(
      fromSeed(items)
        .map((p) => p.code)
        .sort(),
    ).toEqual(['training-cnc', 'training-entrepreneurship', 'training-lathe', 'training-rural-transfer', 'training-welder']);
  });

  it('answers 400 with fields.kind for an unknown kind', async () => {
    const res = await t.http.get('/api/programs').query({ kind: 'grant' }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields).toEqual({ kind: '服务类型不正确' });
  });

  it('answers 400 for a repeated kind parameter', async () => {
    const res = await t.http.get('/api/programs?kind=loan&kind=stall').expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['kind']);
  });

  it('answers 400 for an unknown query parameter', async () => {
    const res = await t.http.get('/api/programs').query({ status: 'closed' }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('shows the stalls and seats left for parks and classes, and none for loans and subsidies', async () => {
    const res = await t.http.get('/api/programs').expect(200);
    const byCode = new Map((res.body.items as ProgramBody[]).map((p) => [p.code, p]));
    expect(byCode.get('park-chunjiang')?.capacity).toEqual({ total: 110, remaining: 110 });
    expect(byCode.get('park-jingming')?.capacity).toEqual({ total: 96, remaining: 96 });
    expect(byCode.get('training-lathe')?.capacity).toEqual({ total: 30, remaining: 30 });
    expect(byCode.get('training-rural-transfer')?.capacity).toEqual({ total: 50, remaining: 50 });
    expect(byCode.get('loan-guaranteed')?.capacity).toBeNull();
    expect(byCode.get('subsidy-flexible-insurance')?.capacity).toBeNull();
  });

  it('answers 304 without a body to a phone holding the current catalog, and the new catalog once it changed', async () => {
    const first = await t.http.get('/api/programs').set('Accept-Encoding', 'identity').expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers['content-type']).toMatch(/^application\/json/);

    const same = await t.http.get('/api/programs').set('Accept-Encoding', 'identity').set('If-None-Match', etag).expect(304);
    expect(same.text).toBe('');
    await t.http.get('/api/programs').set('If-None-Match', '"another"').expect(200);
    const training = await t.http.get('/api/programs').query({ kind: 'training' }).expect(200);
    expect(training.headers.etag).not.toBe(etag);

    // A new read with the same content has the same tag; a new programme changes it.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await t.http.get('/api/programs').set('Accept-Encoding', 'identity').set('If-None-Match', etag).expect(304);
    const code = `test-etag-${oid().slice(-6)}`;
    await createProgram({ kind: 'loan', code });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const changed = await t.http.get('/api/programs').set('Accept-Encoding', 'identity').set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect((changed.body.items as ProgramBody[]).map((p) => p.code)).toContain(code);
  });

  it('sends the catalog gzipped to a client that accepts it, as the same JSON under its own tag', async () => {
    const plain = await t.http.get('/api/programs').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    // Decoded by supertest; the encoding and the length on the wire are in the headers.
    const zipped = await t.http.get('/api/programs').set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(Number(zipped.headers['content-length'])).toBeLessThan(Number(plain.headers['content-length']) / 2);
    expect(zipped.body).toEqual(plain.body);
    expect(zipped.headers.etag).toBe((plain.headers.etag as string).replace(/"$/, '-gz"'));
    await t.http
      .get('/api/programs')
      .set('Accept-Encoding', 'gzip')
      .set('If-None-Match', zipped.headers.etag as string)
      .expect(304);
  });

  it('leaves out programmes staff have closed', async () => {
    const code = `test-closed-${oid().slice(-6)}`;
    await createProgram({ kind: 'loan', code, status: 'closed' });
    const res = await t.http.get('/api/programs').expect(200);
    expect((res.body.items as ProgramBody[]).map((p) => p.code)).not.toContain(code);
  });
});

describe('GET /api/programs/:id', () => {
  it('shows one programme with its rules, materials and details', async () => {
    const res = await t.http.get(`/api/programs/${await programId('loan-guaranteed')}`).expect(200);
    expect(res.body).toMatchObject({
      code: 'loan-guaranteed',
      kind: 'loan',
      acceptingNow: true,
      capacity: null,
      eligibility: { requiresCertificate: true, minAge: 18, maxAge: 60 },
      details: { maxAmountFen: 5_000_000, maxTermMonths: 24 },
      closesAt: null,
    });
    expect(res.body.eligibilityText).toContain('持有已核验的《就业创业证》');
    // The certificate is the verified record, not a photo the resident uploads.
    expect((res.body.materials as { code: string }[]).map((m) => m.code)).toEqual(['id_card', 'business_plan']);
  });

  it('shows the seats left of a class', async () => {
    const res = await t.http.get(`/api/programs/${await programId('training-welder')}`).expect(200);
    expect(res.body.capacity).toEqual({ total: 30, remaining: 30 });
  });

  it('answers 404 for an unknown id', async () => {
    const res = await t.http.get(`/api/programs/${oid()}`).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 400 with fields.id for a malformed id', async () => {
    const res = await t.http.get('/api/programs/not-an-id').expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.body.error.fields)).toEqual(['id']);
  });

  it('answers 400 for an upper-case id', async () => {
    const res = await t.http.get(`/api/programs/${oid().toUpperCase()}`).expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['id']);
  });

  it('is not accepting when its window has closed', async () => {
    const id = await createProgram({
      kind: 'subsidy',
      opensAt: new Date('2025-01-01T00:00:00Z'),
      closesAt: new Date('2025-12-31T00:00:00Z'),
    });
    const res = await t.http.get(`/api/programs/${id}`).expect(200);
    expect(res.body.status).toBe('open');
    expect(res.body.acceptingNow).toBe(false);
  });

  it('is not accepting before its window opens', async () => {
    const opensAt = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    const id = await createProgram({ kind: 'loan', opensAt });
    const res = await t.http.get(`/api/programs/${id}`).expect(200);
    expect(res.body.acceptingNow).toBe(false);
    expect(res.body.opensAt).toBe(opensAt.toISOString());
  });

  it('is not accepting when staff have closed it, and can still be read', async () => {
    const id = await createProgram({ kind: 'training', status: 'closed' });
    const res = await t.http.get(`/api/programs/${id}`).expect(200);
    expect(res.body.status).toBe('closed');
    expect(res.body.acceptingNow).toBe(false);
  });

  it('counts only free places in capacity', async () => {
    const id = await createProgram({ kind: 'stall' }, 3);
    const slot = await SlotModel.findOne({ programId: id, label: 'S-1' }).orFail().lean();
    await SlotHoldModel.create({ _id: slot._id, programId: id, label: 'S-1', applicationId: new Types.ObjectId(), at: new Date() });
    const res = await t.http.get(`/api/programs/${id}`).expect(200);
    expect(res.body.capacity).toEqual({ total: 3, remaining: 2 });
  });
});
