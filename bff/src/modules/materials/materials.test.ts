import type { Response, Test } from 'supertest';
import {
  type Actor,
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

/** What one upload sends: the purpose field and one file part (a 1×1 PNG named a.png for id_card unless told). */
interface Upload {
  purpose?: string;
  file?: Buffer;
  filename?: string;
  contentType?: string;
}

/** POST /api/materials as `by` with the purpose field and one file part. */
const upload = (by: Actor, { purpose = 'id_card', file = PNG_1X1, filename = 'a.png', contentType = 'image/png' }: Upload = {}) =>
  by.post('/api/materials').field('purpose', purpose).attach('file', file, { filename, contentType });

/** Uploads that must be refused, storing nothing: what is sent (by a new resident, or `by` anonymous), and the answer's status, code and body. */
interface Refusal {
  what: string;
  send: (by: Actor) => Test;
  anonymous?: boolean;
  status: number;
  code: string;
  body?: object;
}

const REFUSALS: Refusal[] = [
  // Names with "/" are sent raw by src/security/hostile-input.test.ts (supertest's form-data cuts them to the base name).
  ...['..\\..\\Windows\\evil.exe', 'C:\\Users\\a.png', '..'].map((filename): Refusal => ({
    what: `the file name ${JSON.stringify(filename)}, naming fields.file`,
    send: (by) => upload(by, { filename }),
    status: 400,
    code: 'VALIDATION_FAILED',
    body: { error: { fields: { file: expect.anything() } } },
  })),
  {
    what: 'a NUL in the file name (the multipart header itself is broken)',
    send: (by) => upload(by, { filename: 'a\u0000b.png' }),
    status: 400,
    code: 'MALFORMED_REQUEST',
  },
  { what: 'the purpose "__proto__"', send: (by) => upload(by, { purpose: '__proto__' }), status: 400, code: 'VALIDATION_FAILED' },
  { what: 'no token', send: (by) => upload(by), anonymous: true, status: 401, code: 'UNAUTHENTICATED' },
  {
    what: 'no file, naming fields.file',
    send: (by) => by.post('/api/materials').field('purpose', 'id_card'),
    status: 400,
    code: 'VALIDATION_FAILED',
    body: { error: { fields: { file: expect.any(String) } } },
  },
  {
    what: 'no purpose, naming fields.purpose',
    send: (by) => by.post('/api/materials').attach('file', PNG_1X1, { filename: 'a.png', contentType: 'image/png' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    body: { error: { fields: { purpose: '请说明材料用途' } } },
  },
  {
    what: 'a malformed purpose, naming fields.purpose',
    send: (by) => upload(by, { purpose: '../ID CARD' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    body: { error: { fields: { purpose: '材料用途不正确' } } },
  },
  {
    what: 'an unexpected extra form field',
    send: (by) => upload(by).field('ownerId', oid()),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    what: 'two files',
    send: (by) => upload(by).attach('file', PNG_1X1, { filename: 'b.png', contentType: 'image/png' }),
    status: 400,
    code: 'MALFORMED_REQUEST',
  },
  {
    what: 'the file under another field name',
    send: (by) =>
      by.post('/api/materials').field('purpose', 'id_card').attach('upload', PNG_1X1, { filename: 'a.png', contentType: 'image/png' }),
    status: 400,
    code: 'MALFORMED_REQUEST',
  },
  {
    what: 'a JSON body',
    send: (by) => by.post('/api/materials').send({ purpose: 'id_card', file: PNG_1X1.toString('base64') }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    what: 'a text file that claims to be a PNG',
    send: (by) => upload(by, { file: Buffer.from('<script>alert(1)</script>'), filename: 'id.png' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    body: { error: { message: expect.stringMatching(/JPG|PNG|PDF/) } },
  },
  {
    what: 'a PNG that claims to be a JPEG',
    send: (by) => upload(by, { filename: 'id.jpg', contentType: 'image/jpeg' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    body: { error: { message: '文件内容与声明的类型不一致' } },
  },
  {
    what: 'an empty file',
    send: (by) => upload(by, { file: Buffer.alloc(0), filename: 'empty.png' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    what: 'a file over UPLOAD_MAX_BYTES',
    send: (by) => upload(by, { file: pngOfSize(MAX_BYTES + 1), filename: 'huge.png' }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
];

describe('POST /api/materials', () => {
  it('stores a PNG and answers 201 with the material', async () => {
    const res = await upload(await kit.resident(), { filename: '身份证.png' }).expect(201);
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
    const jpeg = await upload(resident, { file: JPEG, filename: 'photo.jpeg', contentType: 'image/jpg' }).expect(201);
    expect(jpeg.body.contentType).toBe('image/jpeg');
    const pdf = await upload(resident, {
      purpose: 'business_plan',
      file: PDF,
      filename: 'plan.pdf',
      contentType: 'application/pdf',
    }).expect(201);
    expect(pdf.body.contentType).toBe('application/pdf');
  });

  it('accepts a file of exactly UPLOAD_MAX_BYTES', async () => {
    const res = await upload(await kit.resident(), { file: pngOfSize(MAX_BYTES), filename: 'big.png' }).expect(201);
    expect(res.body.size).toBe(MAX_BYTES);
  });

  it.each(REFUSALS)('answers $status $code for $what and stores nothing', async ({ send, anonymous, status, code, body = {} }) => {
    const by = anonymous ? kit.anonymous : await kit.resident();
    const res = await refused(() => send(by), status, code);
    expect(res.body).toMatchObject(body);
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
    const up = await upload(resident, { file: bytes, filename: '证件.png' }).expect(201);
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
