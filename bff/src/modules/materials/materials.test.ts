import type { Response } from 'supertest';
import {
  expectRefused,
  oid,
  PNG_1X1,
  rawCollection,
  startTestApp,
  type TestContext,
  testKit,
  type TestKit,
  uploadMaterial,
} from '../../../test/kit';

const MAX_BYTES = 4096;

let t: TestContext;
let kit: TestKit;
beforeAll(async () => {
  t = await startTestApp({ seedCatalog: false, env: { UPLOAD_MAX_BYTES: String(MAX_BYTES) } });
  kit = testKit(t);
});
afterAll(() => t.close());

/** A PNG of exactly `size` bytes: a real PNG header, padded. */
const pngOfSize = (size: number) => Buffer.concat([PNG_1X1, Buffer.alloc(size - PNG_1X1.length, 0)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

async function storedCounts(): Promise<{ files: number; chunks: number }> {
  return {
    files: await rawCollection('materials.files').countDocuments(),
    chunks: await rawCollection('materials.chunks').countDocuments(),
  };
}

/** A request that must be refused with this status and code, storing no file. */
const refused = (request: () => PromiseLike<Response>, status: number, code: string) => expectRefused(request, status, code, storedCounts);

describe('POST /api/materials', () => {
  it('stores a PNG and answers 201 with the material', async () => {
    const resident = await kit.resident();
    const res = await resident
      .post('/api/materials')
      .field('purpose', 'id_card')
      .attach('file', PNG_1X1, { filename: '身份证.png', contentType: 'image/png' })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[a-f0-9]{24}$/),
      filename: '身份证.png',
      contentType: 'image/png',
      size: PNG_1X1.length,
      purpose: 'id_card',
      uploadedAt: expect.any(String),
    });
  });

  it('accepts a JPEG declared as image/jpg and a PDF', async () => {
    const resident = await kit.resident();
    const jpeg = await resident
      .post('/api/materials')
      .field('purpose', 'id_card')
      .attach('file', JPEG, { filename: 'photo.jpeg', contentType: 'image/jpg' })
      .expect(201);
    expect(jpeg.body.contentType).toBe('image/jpeg');
    const pdf = await resident
      .post('/api/materials')
      .field('purpose', 'business_plan')
      .attach('file', PDF, { filename: 'plan.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(pdf.body.contentType).toBe('application/pdf');
  });

  it('accepts a file of exactly UPLOAD_MAX_BYTES', async () => {
    const resident = await kit.resident();
    const res = await resident
      .post('/api/materials')
      .field('purpose', 'id_card')
      .attach('file', pngOfSize(MAX_BYTES), { filename: 'big.png', contentType: 'image/png' })
      .expect(201);
    expect(res.body.size).toBe(MAX_BYTES);
  });

  // Names with "/" are sent raw by src/security/hostile-input.test.ts (supertest's form-data cuts them to the base name).
  it.each(['..\\..\\Windows\\evil.exe', 'C:\\Users\\a.png', '..'])(
    'answers 400 with fields.file for the file name %j and stores nothing',
    async (filename) => {
      const resident = await kit.resident();
      const res = await refused(
        () => resident.post('/api/materials').field('purpose', 'id_card').attach('file', PNG_1X1, { filename, contentType: 'image/png' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(res.body.error.fields.file).toBeDefined();
    },
  );

  it('answers 400 MALFORMED_REQUEST for a NUL in the file name (the multipart header itself is broken) and stores nothing', async () => {
    const resident = await kit.resident();
    await refused(
      () =>
        resident
          .post('/api/materials')
          .field('purpose', 'id_card')
          .attach('file', PNG_1X1, { filename: 'a\u0000b.png', contentType: 'image/png' }),
      400,
      'MALFORMED_REQUEST',
    );
  });

  it('answers 400 for the purpose "__proto__" and stores nothing', async () => {
    const resident = await kit.resident();
    await refused(
      () =>
        resident
          .post('/api/materials')
          .field('purpose', '__proto__')
          .attach('file', PNG_1X1, { filename: 'a.png', contentType: 'image/png' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('answers 401 without a token and stores nothing', async () => {
    await refused(
      () =>
        t.http.post('/api/materials').field('purpose', 'id_card').attach('file', PNG_1X1, { filename: 'a.png', contentType: 'image/png' }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('answers 400 with fields.file when no file is sent', async () => {
    const resident = await kit.resident();
    const res = await refused(() => resident.post('/api/materials').field('purpose', 'id_card'), 400, 'VALIDATION_FAILED');
    expect(res.body).toMatchObject({ error: { fields: { file: expect.any(String) } } });
  });

  it('answers 400 with fields.purpose when the purpose is missing', async () => {
    const resident = await kit.resident();
    const res = await refused(
      () => resident.post('/api/materials').attach('file', PNG_1X1, { filename: 'a.png', contentType: 'image/png' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body).toMatchObject({ error: { fields: { purpose: '请说明材料用途' } } });
  });

  it('answers 400 with fields.purpose for a malformed purpose', async () => {
    const resident = await kit.resident();
    const res = await refused(
      () =>
        resident
          .post('/api/materials')
          .field('purpose', '../ID CARD')
          .attach('file', PNG_1X1, { filename: 'a.png', contentType: 'image/png' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body).toMatchObject({ error: { fields: { purpose: '材料用途不正确' } } });
  });

  it('answers 400 for an unexpected extra form field', async () => {
    const resident = await kit.resident();
    await refused(
      () =>
        resident
          .post('/api/materials')
          .field('purpose', 'id_card')
          .field('ownerId', oid())
          .attach('file', PNG_1X1, { filename: 'a.png', contentType: 'image/png' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('answers 400 when two files are sent', async () => {
    const resident = await kit.resident();
    await refused(
      () =>
        resident
          .post('/api/materials')
          .field('purpose', 'id_card')
          .attach('file', PNG_1X1, { filename: 'a.png', contentType: 'image/png' })
          .attach('file', PNG_1X1, { filename: 'b.png', contentType: 'image/png' }),
      400,
      'MALFORMED_REQUEST',
    );
  });

  it('answers 400 when the file comes under another field name', async () => {
    const resident = await kit.resident();
    await refused(
      () =>
        resident
          .post('/api/materials')
          .field('purpose', 'id_card')
          .attach('upload', PNG_1X1, { filename: 'a.png', contentType: 'image/png' }),
      400,
      'MALFORMED_REQUEST',
    );
  });

  it('answers 415 for a JSON body', async () => {
    const resident = await kit.resident();
    await refused(
      () => resident.post('/api/materials').send({ purpose: 'id_card', file: PNG_1X1.toString('base64') }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('answers 415 for a text file that claims to be a PNG', async () => {
    const resident = await kit.resident();
    const res = await refused(
      () =>
        resident
          .post('/api/materials')
          .field('purpose', 'id_card')
          .attach('file', Buffer.from('<script>alert(1)</script>'), { filename: 'id.png', contentType: 'image/png' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(res.body.error.message).toMatch(/JPG|PNG|PDF/);
  });

  it('answers 415 for a PNG that claims to be a JPEG', async () => {
    const resident = await kit.resident();
    const res = await refused(
      () =>
        resident
          .post('/api/materials')
          .field('purpose', 'id_card')
          .attach('file', PNG_1X1, { filename: 'id.jpg', contentType: 'image/jpeg' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(res.body.error.message).toBe('文件内容与声明的类型不一致');
  });

  it('answers 415 for an empty file', async () => {
    const resident = await kit.resident();
    await refused(
      () =>
        resident
          .post('/api/materials')
          .field('purpose', 'id_card')
          .attach('file', Buffer.alloc(0), { filename: 'empty.png', contentType: 'image/png' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('answers 413 for a file over UPLOAD_MAX_BYTES', async () => {
    const resident = await kit.resident();
    await refused(
      () =>
        resident
          .post('/api/materials')
          .field('purpose', 'id_card')
          .attach('file', pngOfSize(MAX_BYTES + 1), { filename: 'huge.png', contentType: 'image/png' }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });
});

describe('GET /api/materials', () => {
  it("lists the resident's own materials, newest first, and nobody else's", async () => {
    const mine = await kit.resident();
    const other = await kit.resident();
    const first = await uploadMaterial(mine, 'id_card');
    const second = await uploadMaterial(mine, 'reemployment_certificate');
    await uploadMaterial(other, 'id_card');
    const res = await mine.get('/api/materials').expect(200);
    expect((res.body.items as { id: string }[]).map((m) => m.id).sort()).toEqual([first, second].sort());
  });

  it('answers 401 without a token', async () => {
    const res = await t.http.get('/api/materials').expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('GET /api/materials/:id', () => {
  it('gives the owner the same bytes back, as an attachment', async () => {
    const resident = await kit.resident();
    const bytes = pngOfSize(1000);
    const up = await resident
      .post('/api/materials')
      .field('purpose', 'id_card')
      .attach('file', bytes, { filename: '证件.png', contentType: 'image/png' })
      .expect(201);
    const res = await resident.get(`/api/materials/${up.body.id}`).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="__.png"; filename*=UTF-8''${encodeURIComponent('证件.png')}`);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(Buffer.isBuffer(res.body)).toBe(true);
    expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
  });

  it("answers 404 for another resident's material", async () => {
    const owner = await kit.resident();
    const id = await uploadMaterial(owner);
    const res = await (await kit.resident()).get(`/api/materials/${id}`).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 404 for an unknown id', async () => {
    const res = await (await kit.resident()).get(`/api/materials/${oid()}`).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 400 with fields.id for a malformed id', async () => {
    const res = await (await kit.resident()).get('/api/materials/..%2F..%2Fetc').expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['id']);
  });

  it('answers 401 without a token', async () => {
    const owner = await kit.resident();
    const id = await uploadMaterial(owner);
    const res = await t.http.get(`/api/materials/${id}`).expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});
