import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { Types } from 'mongoose';
import { PNG } from 'pngjs';
import { LINK_ID_ALPHABET, LINK_ID_LENGTH, linkIdFromScene, linkIdSchema, linkScene } from '@minsheng/shared';
import { createProgram, FORMS, loginResident, postApplication, profileInput, uniqueName } from '../../test/factories';
import { staffToken } from '../../test/staff';
import { expectRefused, rawCollection, startTestApp, type TestContext } from '../../test/support';
import { createWechatClient } from '../../wechat/client';
import { bearer, step } from '../review/test-helpers';
import { OPENS_PER_ADDRESS_PER_DAY } from './service';

let t: TestContext;
let admin: string;
let reviewer: string;
let officer: string;
let officerId: string;
let otherOfficer: string;
let stallProgram: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await staffToken(t, 'admin')).token;
  reviewer = (await staffToken(t, 'reviewer')).token;
  const o = await staffToken(t, 'officer', ['jmjy']);
  officer = o.token;
  officerId = o.id;
  otherOfficer = (await staffToken(t, 'officer', ['bqsq'])).token;
  stallProgram = await createProgram({ kind: 'stall', title: '春江新城创业大市场摊位' }, 5);
});
afterAll(() => t.close());

interface LinkBody {
  id: string;
  community: string;
  communityName: string;
  programId: string | null;
  programTitle: string | null;
  path: string;
  h5Url: string;
  scene: string;
  codeUrl: string;
  posterUrl: string;
  posterPngUrl: string;
}

async function newLink(token: string, body: { community: string; programId?: string }): Promise<LinkBody> {
  const res = await t.http.post('/api/admin/links').set(bearer(token)).send(body).expect(201);
  return res.body as LinkBody;
}

const linkCount = () => rawCollection('links').countDocuments();

/** GETs a binary answer that must succeed, as bytes and content type. */
async function getBytes(path: string, token: string): Promise<{ type: string; body: Buffer }> {
  const res = await fetch(`${t.baseUrl}${path}`, { headers: bearer(token) });
  expect(res.status).toBe(200);
  return { type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

/**
 * The text drawn on a pdfkit PDF: each TJ's glyph codes mapped back through
 * the font's ToUnicode CMap. Enough for our own posters, not a general reader.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const bytes = Buffer.from(m[1] ?? '', 'latin1');
    try {
      streams.push(inflateSync(bytes).toString('latin1'));
    } catch {
      streams.push(m[1] ?? '');
    }
  }
  const unicode = new Map<string, string>();
  for (const s of streams) {
    for (const range of s.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/gi)) {
      const start = parseInt(range[1] ?? '0', 16);
      [...(range[2] ?? '').matchAll(/<([0-9a-f]+)>/gi)].forEach((u, i) => {
        const code = (start + i).toString(16).padStart(4, '0');
        unicode.set(code, String.fromCodePoint(parseInt(u[1] ?? '0', 16)));
      });
    }
  }
  const lines: string[] = [];
  for (const s of streams) {
    for (const tj of s.matchAll(/\[([^\]]*)\] TJ/g)) {
      const hex = [...(tj[1] ?? '').matchAll(/<([0-9a-f]+)>/gi)].map((h) => h[1] ?? '').join('');
      lines.push((hex.match(/.{4}/g) ?? []).map((code) => unicode.get(code.toLowerCase()) ?? '?').join(''));
    }
  }
  return lines.join('\n');
}

describe('POST /api/admin/links', () => {
  it('lets an admin make a link for any community and one programme', async () => {
    const link = await newLink(admin, { community: 'bqsq', programId: stallProgram });
    expect(link.id).toMatch(/^[0-9A-Za-z]{10}$/);
    expect(link).toMatchObject({
      community: 'bqsq',
      communityName: '板桥社区',
      programId: stallProgram,
      programTitle: '春江新城创业大市场摊位',
      path: `pages/index/index?l=${link.id}`,
      h5Url: `/#/pages/index/index?l=${link.id}`,
      scene: `l=${link.id}`,
      codeUrl: `/api/admin/links/${link.id}/code.png`,
      posterUrl: `/api/admin/links/${link.id}/poster.pdf`,
      posterPngUrl: `/api/admin/links/${link.id}/poster.png`,
    });
  });

  it('lets an officer make a link to all services for their own community', async () => {
    const link = await newLink(officer, { community: 'jmjy' });
    expect(link).toMatchObject({ community: 'jmjy', communityName: '景明佳园社区', programId: null, programTitle: null });
    const stored = await rawCollection('links').findOne({ _id: link.id as never });
    expect(stored).toMatchObject({ createdBy: officerId, createdByRole: 'officer' });
  });

  it('gives every link a different id', async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, async () => (await newLink(admin, { community: 'jmjy' })).id));
    expect(new Set(ids).size).toBe(10);
  });

  it("answers 403 to an officer for another community's link, storing nothing", async () => {
    await expectRefused(
      () => t.http.post('/api/admin/links').set(bearer(otherOfficer)).send({ community: 'jmjy' }),
      403,
      'FORBIDDEN',
      linkCount,
    );
  });

  it('answers 403 to a reviewer', async () => {
    await expectRefused(
      () => t.http.post('/api/admin/links').set(bearer(reviewer)).send({ community: 'jmjy' }),
      403,
      'FORBIDDEN',
      linkCount,
    );
  });

  it('answers 401 to a resident', async () => {
    const token = await loginResident(t);
    await expectRefused(
      () => t.http.post('/api/admin/links').set(bearer(token)).send({ community: 'jmjy' }),
      401,
      'UNAUTHENTICATED',
      linkCount,
    );
  });

  it('answers 400 with fields.community for an unknown community', async () => {
    const res = await expectRefused(
      () => t.http.post('/api/admin/links').set(bearer(admin)).send({ community: 'nowhere1' }),
      400,
      'VALIDATION_FAILED',
      linkCount,
    );
    expect(Object.keys(res.body.error.fields)).toEqual(['community']);
  });

  it('answers 400 with fields.community for an inactive community', async () => {
    await t.http
      .post('/api/admin/communities')
      .set(bearer(admin))
      .send({ code: 'shut1', name: '停用社区', street: '板桥街道', type: 'urban', active: false })
      .expect(201);
    const res = await expectRefused(
      () => t.http.post('/api/admin/links').set(bearer(admin)).send({ community: 'shut1' }),
      400,
      'VALIDATION_FAILED',
      linkCount,
    );
    expect(Object.keys(res.body.error.fields)).toEqual(['community']);
  });

  it('answers 400 with fields.programId for an unknown programme', async () => {
    const res = await expectRefused(
      () => t.http.post('/api/admin/links').set(bearer(admin)).send({ community: 'jmjy', programId: '0123456789abcdef01234567' }),
      400,
      'VALIDATION_FAILED',
      linkCount,
    );
    expect(Object.keys(res.body.error.fields)).toEqual(['programId']);
  });

  it('answers 400 for a community code that is not URL-safe', async () => {
    const res = await expectRefused(
      () => t.http.post('/api/admin/links').set(bearer(admin)).send({ community: 'JM JY' }),
      400,
      'VALIDATION_FAILED',
      linkCount,
    );
    expect(Object.keys(res.body.error.fields)).toEqual(['community']);
  });
});

describe('GET /api/admin/links', () => {
  it("lists a community's links for its officer, newest first", async () => {
    const first = await newLink(officer, { community: 'jmjy', programId: stallProgram });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await newLink(officer, { community: 'jmjy' });
    const res = await t.http.get('/api/admin/links?community=jmjy').set(bearer(officer)).expect(200);
    const ids = (res.body.items as LinkBody[]).map((l) => l.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect((res.body.items as LinkBody[]).every((l) => l.community === 'jmjy')).toBe(true);
  });

  it('lets a reviewer look', async () => {
    await t.http.get('/api/admin/links?community=jmjy').set(bearer(reviewer)).expect(200);
  });

  it('answers 403 to an officer of another community', async () => {
    const res = await t.http.get('/api/admin/links?community=jmjy').set(bearer(otherOfficer)).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('answers 400 without a community', async () => {
    const res = await t.http.get('/api/admin/links').set(bearer(admin)).expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['community']);
  });
});

describe('the mini-program code', () => {
  it('keeps the scene of the longest possible link id within 32 characters', () => {
    const longest = LINK_ID_ALPHABET.charAt(LINK_ID_ALPHABET.length - 1).repeat(LINK_ID_LENGTH);
    expect(linkIdSchema.safeParse(longest).success).toBe(true);
    expect(linkIdSchema.safeParse(`${longest}a`).success).toBe(false);
    expect(linkScene(longest).length).toBeLessThanOrEqual(32);
    expect(linkScene(longest)).toMatch(/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/);
    expect(linkIdFromScene(linkScene(longest))).toBe(longest);
  });

  it('answers a PNG that decodes to the scene l=<id>', async () => {
    const link = await newLink(officer, { community: 'jmjy' });
    const res = await getBytes(link.codeUrl, officer);
    expect(res.type).toBe('image/png');
    expect(decodeQr(res.body)).toBe(`l=${link.id}`);
  });

  it('asks WeChat for the landing page with the scene, reusing one access token', async () => {
    const link = await newLink(admin, { community: 'jmjy' });
    const tokenCalls = () => t.standIn.received.filter((c) => c.path === '/cgi-bin/token').length;
    const before = tokenCalls();
    await t.http.get(link.codeUrl).set(bearer(admin)).expect(200);
    await t.http.get(link.codeUrl).set(bearer(admin)).expect(200);
    await t.http.get(link.posterUrl).set(bearer(admin)).expect(200);
    const calls = t.standIn.received.filter((c) => c.path === '/wxa/getwxacodeunlimit');
    expect(calls.at(-1)?.body).toEqual({ scene: `l=${link.id}`, page: 'pages/index/index', check_path: false });
    // The token lives 7200 s: at most the first of the three calls fetches one.
    expect(tokenCalls() - before).toBeLessThanOrEqual(1);
  });

  it('answers 404 to an officer of another community', async () => {
    const link = await newLink(officer, { community: 'jmjy' });
    const res = await t.http.get(link.codeUrl).set(bearer(otherOfficer)).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 404 for an unknown link', async () => {
    const res = await t.http.get('/api/admin/links/AAAAAAAAAA/code.png').set(bearer(admin)).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('the poster', () => {
  it('is an A4 PDF with the programme, the community, the code and the steps', async () => {
    const link = await newLink(officer, { community: 'jmjy', programId: stallProgram });
    const res = await getBytes(link.posterUrl, officer);
    expect(res.type).toBe('application/pdf');
    const pdf = res.body;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    const text = pdfText(pdf);
    expect(text).toContain('景明佳园社区');
    expect(text).toContain('春江新城创业大市场摊位');
    for (const step of ['扫码', '登录', '填写实名信息', '申请']) expect(text).toContain(step);
  });

  it('says 全部服务 for a link to all services', async () => {
    const link = await newLink(admin, { community: 'bqsq' });
    const text = pdfText((await getBytes(link.posterUrl, reviewer)).body);
    expect(text).toContain('全部服务');
    expect(text).toContain('板桥社区');
  });

  it('answers 404 to an officer of another community', async () => {
    const link = await newLink(officer, { community: 'jmjy' });
    await t.http.get(link.posterUrl).set(bearer(otherOfficer)).expect(404);
  });
});

describe('the poster as PNG', () => {
  it('is an A4 image at 150 dpi whose code decodes to the scene l=<id>', async () => {
    const link = await newLink(officer, { community: 'jmjy', programId: stallProgram });
    const res = await getBytes(link.posterPngUrl, officer);
    expect(res.type).toBe('image/png');
    const image = PNG.sync.read(res.body);
    expect({ width: image.width, height: image.height }).toEqual({ width: 1240, height: 1754 });
    expect(decodeQr(res.body)).toBe(`l=${link.id}`);
  });

  it('has ink where the title and the steps go, above and below the code', async () => {
    const link = await newLink(admin, { community: 'bqsq' });
    const image = PNG.sync.read((await getBytes(link.posterPngUrl, reviewer)).body);
    const darkRows = (from: number, to: number) => {
      let rows = 0;
      for (let y = from; y < to; y++) {
        for (let x = 0; x < image.width; x++) {
          if ((image.data[(y * image.width + x) * 4] ?? 255) < 128) {
            rows++;
            break;
          }
        }
      }
      return rows;
    };
    // Heading, title and community take the top fifth; steps and help the bottom third.
    expect(darkRows(0, 350)).toBeGreaterThan(100);
    expect(darkRows(1150, 1754)).toBeGreaterThan(150);
  });

  it('is offered as a download named after the community and programme', async () => {
    const link = await newLink(admin, { community: 'bqsq' });
    const res = await t.http.get(link.posterPngUrl).set(bearer(admin)).expect(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(`板桥社区-全部服务-${link.id}.png`));
  });

  it('answers 404 to an officer of another community', async () => {
    const link = await newLink(officer, { community: 'jmjy' });
    const res = await t.http.get(link.posterPngUrl).set(bearer(otherOfficer)).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('GET /api/links/:id', () => {
  it('shows anyone the community and the programme of a link', async () => {
    const link = await newLink(officer, { community: 'jmjy', programId: stallProgram });
    const res = await t.http.get(`/api/links/${link.id}`).expect(200);
    expect(res.body).toEqual({
      id: link.id,
      community: { code: 'jmjy', name: '景明佳园社区', street: '铁心桥街道' },
      allPrograms: false,
      programs: [{ id: stallProgram, kind: 'stall', title: '春江新城创业大市场摊位', summary: '测试', open: true }],
    });
  });

  it('lists the open programmes for a link to all services', async () => {
    const link = await newLink(officer, { community: 'jmjy' });
    const res = await t.http.get(`/api/links/${link.id}`).expect(200);
    expect(res.body.allPrograms).toBe(true);
    expect(res.body.programs.length).toBe(await rawCollection('programs').countDocuments({ status: 'open' }));
  });

  it('answers 404 for an unknown link and 400 for a malformed id', async () => {
    expect((await t.http.get('/api/links/ZZZZZZZZZZ').expect(404)).body.error.code).toBe('NOT_FOUND');
    expect((await t.http.get('/api/links/x').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
  });
});

async function open(linkId: string, token?: string): Promise<{ attributed: boolean }> {
  const req = t.http.post(`/api/links/${linkId}/open`);
  if (token) req.set(bearer(token));
  return (await req.expect(200)).body as { attributed: boolean };
}

async function residentAttribution(token: string) {
  const me = await t.http.get('/api/me').set(bearer(token)).expect(200);
  const raw = await rawCollection('residents').findOne({ _id: new Types.ObjectId(me.body.id as string) });
  return raw?.attribution as { linkId: string; community: string; officerId?: string; at: Date } | undefined;
}

describe('POST /api/links/:id/open', () => {
  it('counts an anonymous open without attributing anyone', async () => {
    const link = await newLink(officer, { community: 'jmjy' });
    expect(await open(link.id)).toEqual({ attributed: false });
    expect(await rawCollection('linkopens').countDocuments({ linkId: link.id })).toBe(1);
  });

  it('counts a visitor once per day however often they open it', async () => {
    const link = await newLink(officer, { community: 'jmjy' });
    for (let i = 0; i < 5; i += 1) await open(link.id);
    const token = await loginResident(t);
    for (let i = 0; i < 3; i += 1) await open(link.id, token);
    expect(await rawCollection('linkopens').countDocuments({ linkId: link.id })).toBe(2);
  });

  it(`counts at most ${OPENS_PER_ADDRESS_PER_DAY} opens from one address a day, and stores no address`, async () => {
    const link = await newLink(officer, { community: 'jmjy' });
    const tries = OPENS_PER_ADDRESS_PER_DAY + 20;
    for (let i = 0; i < tries; i += 1) {
      await t.http.post(`/api/links/${link.id}/open`).set('User-Agent', `script ${i}`).expect(200);
    }
    expect(await rawCollection('linkopens').countDocuments({ linkId: link.id })).toBe(OPENS_PER_ADDRESS_PER_DAY);
    const stored = JSON.stringify(await rawCollection('linkopenquotas').find({}).toArray());
    expect(stored).not.toMatch(/127\.0\.0\.1|::1|::ffff/);
  });

  it('counts an open with a bad token as anonymous', async () => {
    const link = await newLink(officer, { community: 'jmjy' });
    expect(await open(link.id, 'garbage.garbage.garbage')).toEqual({ attributed: false });
  });

  it("records the first link as the resident's attribution, with the officer who made it", async () => {
    const link = await newLink(officer, { community: 'jmjy' });
    const token = await loginResident(t);
    expect(await open(link.id, token)).toEqual({ attributed: true });
    expect(await residentAttribution(token)).toEqual({ linkId: link.id, community: 'jmjy', officerId, at: expect.any(Date) });
  });

  it('leaves out the officer for a link an admin made', async () => {
    const link = await newLink(admin, { community: 'bqsq' });
    const token = await loginResident(t);
    await open(link.id, token);
    const attribution = await residentAttribution(token);
    expect(attribution).toMatchObject({ linkId: link.id, community: 'bqsq' });
    expect(attribution?.officerId).toBeUndefined();
  });

  it('keeps the first touch through a second link and a new login', async () => {
    const first = await newLink(officer, { community: 'jmjy' });
    const second = await newLink(admin, { community: 'bqsq' });
    const name = uniqueName();
    const token = await loginResident(t, name);
    await open(first.id, token);
    expect(await open(second.id, token)).toEqual({ attributed: false });
    const again = await loginResident(t, name);
    expect(await open(second.id, again)).toEqual({ attributed: false });
    expect(await open(first.id, again)).toEqual({ attributed: false });
    expect((await residentAttribution(again))?.linkId).toBe(first.id);
    // Opened twice by the same resident on the same day: counted once.
    expect(await rawCollection('linkopens').countDocuments({ linkId: second.id })).toBe(1);
  });

  it('attributes exactly one of many simultaneous first opens', async () => {
    const links = await Promise.all([
      newLink(officer, { community: 'jmjy' }),
      newLink(admin, { community: 'bqsq' }),
      newLink(admin, { community: 'jmjy' }),
    ]);
    const token = await loginResident(t);
    const answers = await Promise.all(links.flatMap((l) => [open(l.id, token), open(l.id, token), open(l.id, token)]));
    expect(answers.filter((a) => a.attributed)).toHaveLength(1);
    // Three opens per link, in link order.
    const winner = links[Math.floor(answers.findIndex((a) => a.attributed) / 3)];
    expect((await residentAttribution(token))?.linkId).toBe(winner?.id);
  });

  it('answers 404 for an unknown link and counts nothing', async () => {
    await expectRefused(
      () => t.http.post('/api/links/QQQQQQQQQQ/open'),
      404,
      'NOT_FOUND',
      () => rawCollection('linkopens').countDocuments(),
    );
  });
});

describe('POST /api/links/:id/attribute', () => {
  async function attribute(linkId: string, token: string) {
    return (await t.http.post(`/api/links/${linkId}/attribute`).set(bearer(token)).expect(200)).body as { attributed: boolean };
  }

  it('attributes a resident who opened the link before logging in, without counting another open', async () => {
    const link = await newLink(officer, { community: 'jmjy' });
    await open(link.id);
    const token = await loginResident(t);
    expect(await attribute(link.id, token)).toEqual({ attributed: true });
    expect(await residentAttribution(token)).toEqual({ linkId: link.id, community: 'jmjy', officerId, at: expect.any(Date) });
    expect(await rawCollection('linkopens').countDocuments({ linkId: link.id })).toBe(1);
  });

  it('keeps an earlier first touch', async () => {
    const first = await newLink(officer, { community: 'jmjy' });
    const second = await newLink(admin, { community: 'bqsq' });
    const token = await loginResident(t);
    await open(first.id, token);
    expect(await attribute(second.id, token)).toEqual({ attributed: false });
    expect((await residentAttribution(token))?.linkId).toBe(first.id);
  });

  it('answers 401 without a resident token and 404 for an unknown link, storing nothing', async () => {
    const link = await newLink(officer, { community: 'jmjy' });
    await expectRefused(
      () => t.http.post(`/api/links/${link.id}/attribute`),
      401,
      'UNAUTHENTICATED',
      () => rawCollection('firsttouches').countDocuments(),
    );
    const token = await loginResident(t);
    await expectRefused(
      () => t.http.post('/api/links/QQQQQQQQQQ/attribute').set(bearer(token)),
      404,
      'NOT_FOUND',
      () => rawCollection('firsttouches').countDocuments(),
    );
  });
});

describe('attribution on applications', () => {
  it("copies the resident's first touch onto their application", async () => {
    const link = await newLink(officer, { community: 'jmjy', programId: stallProgram });
    const token = await loginResident(t);
    await open(link.id, token);
    await t.http
      .put('/api/me')
      .set(bearer(token))
      .send(profileInput({ community: 'jmjy' }))
      .expect(200);
    const res = await postApplication(t, token, { programId: stallProgram, form: FORMS.stall, materialIds: [] }).expect(201);
    const stored = await rawCollection('applications').findOne({ number: res.body.number as string });
    expect(stored?.attribution).toEqual({ linkId: link.id, community: 'jmjy', officerId, at: expect.any(Date) });
  });

  it('leaves an application of a resident who came without a link unattributed', async () => {
    const token = await loginResident(t);
    await t.http.put('/api/me').set(bearer(token)).send(profileInput()).expect(200);
    const res = await postApplication(t, token, { programId: stallProgram, form: FORMS.stall, materialIds: [] }).expect(201);
    const stored = await rawCollection('applications').findOne({ number: res.body.number as string });
    expect(stored?.attribution).toBeUndefined();
  });
});

describe('GET /api/admin/links/funnel', () => {
  it('counts opens, new residents, profiles, applications and approvals per link and per programme', async () => {
    await t.http
      .post('/api/admin/communities')
      .set(bearer(admin))
      .send({ code: 'funnel1', name: '漏斗村', street: '梅山街道', type: 'village' })
      .expect(201);
    const fOfficer = await staffToken(t, 'officer', ['funnel1']);
    const forStall = await newLink(fOfficer.token, { community: 'funnel1', programId: stallProgram });
    const forAll = await newLink(fOfficer.token, { community: 'funnel1' });

    // Two anonymous opens of the stall link; A comes by it, completes a profile, applies and is approved.
    // Two phones opening it before logging in (one phone's repeated opens on a day count once).
    for (const phone of ['phone 1', 'phone 2']) await t.http.post(`/api/links/${forStall.id}/open`).set('User-Agent', phone).expect(200);
    const a = await loginResident(t);
    await open(forStall.id, a);
    await t.http
      .put('/api/me')
      .set(bearer(a))
      .send(profileInput({ community: 'funnel1' }))
      .expect(200);
    const applied = await postApplication(t, a, { programId: stallProgram, form: FORMS.stall, materialIds: [] }).expect(201);
    const reviewed = await step(t, reviewer, applied.body.id as string, { action: 'start_review', version: 1 });
    await step(t, reviewer, applied.body.id as string, { action: 'approve', version: reviewed.version });
    // B comes by the all-services link and completes a profile; C only opens it; A opening it changes nothing.
    const b = await loginResident(t);
    await open(forAll.id, b);
    await t.http
      .put('/api/me')
      .set(bearer(b))
      .send(profileInput({ community: 'funnel1' }))
      .expect(200);
    const c = await loginResident(t);
    await open(forAll.id, c);
    await open(forAll.id, a);

    const res = await t.http.get('/api/admin/links/funnel?community=funnel1').set(bearer(fOfficer.token)).expect(200);
    expect(res.body.community).toBe('funnel1');
    expect(res.body.links).toHaveLength(2);
    expect(res.body.links).toEqual(
      expect.arrayContaining([
        {
          linkId: forAll.id,
          programId: null,
          programTitle: null,
          opens: 3,
          newResidents: 2,
          profilesCompleted: 1,
          applicationsSubmitted: 0,
          approved: 0,
        },
        {
          linkId: forStall.id,
          programId: stallProgram,
          programTitle: '春江新城创业大市场摊位',
          opens: 3,
          newResidents: 1,
          profilesCompleted: 1,
          applicationsSubmitted: 1,
          approved: 1,
        },
      ]),
    );
    expect(res.body.programs).toEqual([
      {
        programId: stallProgram,
        programTitle: '春江新城创业大市场摊位',
        opens: 3,
        newResidents: 1,
        profilesCompleted: 1,
        applicationsSubmitted: 1,
        approved: 1,
      },
    ]);
    expect(res.body.totals).toEqual({ opens: 6, newResidents: 3, profilesCompleted: 2, applicationsSubmitted: 1, approved: 1 });
  });

  it('answers zeros for a community without links', async () => {
    const res = await t.http.get('/api/admin/links/funnel?community=msc').set(bearer(admin)).expect(200);
    expect(res.body).toEqual({
      community: 'msc',
      links: [],
      programs: [],
      totals: { opens: 0, newResidents: 0, profilesCompleted: 0, applicationsSubmitted: 0, approved: 0 },
    });
  });

  it('answers 403 to an officer of another community', async () => {
    const res = await t.http.get('/api/admin/links/funnel?community=jmjy').set(bearer(otherOfficer)).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });
});

describe('the WeChat client', () => {
  it('refuses a scene WeChat would refuse (over 32 characters) as 503', async () => {
    const client = createWechatClient({ baseUrl: t.standIn.url, appId: t.standIn.appId, appSecret: t.standIn.appSecret });
    await expect(client.getUnlimitedCode(`l=${'a'.repeat(31)}`, 'pages/index/index')).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
  });

  it('answers 503 when WeChat refuses the credentials', async () => {
    const client = createWechatClient({ baseUrl: t.standIn.url, appId: t.standIn.appId, appSecret: 'wrong-secret' });
    await expect(client.getUnlimitedCode('l=AAAAAAAAAA', 'pages/index/index')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});
