import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { Types } from 'mongoose';
import { PNG } from 'pngjs';
import { LINK_ID_ALPHABET, LINK_ID_LENGTH, linkIdFromScene, linkIdSchema, linkScene } from '@minsheng/shared';
import {
  actor,
  type Actor,
  createProgram,
  expectRefused,
  FORMS,
  type LinkBody,
  newLink,
  oid,
  openLink,
  postApplication,
  profileInput,
  rawCollection,
  takeSteps,
  uniqueName,
  useTestApp,
} from '../../../test/kit';
import { createWechatClient } from '../../wechat/client';
import { OPENS_PER_ADDRESS_PER_DAY } from './service';

const t = useTestApp({ staff: ['admin', 'reviewer', 'officer'] }, async ({ kit }) => ({
  otherOfficer: await kit.officer('bqsq'),
  stallProgram: await createProgram({ kind: 'stall', title: '春江新城创业大市场摊位' }, 5),
}));

const linkCount = () => rawCollection('links').countDocuments();

/** GETs a binary answer that must succeed, as bytes and content type. */
async function getBytes(path: string, by: Actor): Promise<{ type: string; body: Buffer }> {
  const res = await fetch(`${t.baseUrl}${path}`, { headers: { Authorization: `Bearer ${by.token}` } });
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
    const link = await newLink(t.admin, { community: 'bqsq', programId: t.stallProgram });
    expect(link.id).toMatch(/^[0-9A-Za-z]{10}$/);
    expect(link).toMatchObject({
      community: 'bqsq',
      communityName: '板桥社区',
      programId: t.stallProgram,
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
    const link = await newLink(t.officer, { community: 'jmjy' });
    expect(link).toMatchObject({ community: 'jmjy', communityName: '景明佳园社区', programId: null, programTitle: null });
    const stored = await rawCollection('links').findOne({ _id: link.id as never });
    expect(stored).toMatchObject({ createdBy: t.officer.id, createdByRole: 'officer' });
  });

  it('gives every link a different id', async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, async () => (await newLink(t.admin, { community: 'jmjy' })).id));
    expect(new Set(ids).size).toBe(10);
  });

  describe('refusals', () => {
    beforeAll(async () => {
      await t.admin
        .post('/api/admin/communities')
        .send({ code: 'shut1', name: '停用社区', street: '板桥街道', type: 'urban', active: false })
        .expect(201);
    });

    // The status and code of the refusal, who asks for which link, and the fields the answer names.
    it.each<[number, string, string, () => Actor | Promise<Actor>, object, string[]]>([
      [403, 'FORBIDDEN', "an officer for another community's link", () => t.otherOfficer, { community: 'jmjy' }, []],
      [403, 'FORBIDDEN', 'a reviewer', () => t.reviewer, { community: 'jmjy' }, []],
      [401, 'UNAUTHENTICATED', 'a resident', () => t.kit.resident(), { community: 'jmjy' }, []],
      [400, 'VALIDATION_FAILED', 'an unknown community', () => t.admin, { community: 'nowhere1' }, ['community']],
      [400, 'VALIDATION_FAILED', 'an inactive community', () => t.admin, { community: 'shut1' }, ['community']],
      [400, 'VALIDATION_FAILED', 'an unknown programme', () => t.admin, { community: 'jmjy', programId: oid() }, ['programId']],
      [400, 'VALIDATION_FAILED', 'a community code that is not URL-safe', () => t.admin, { community: 'JM JY' }, ['community']],
    ])('answers %i %s to %s, naming only the fields at fault and storing nothing', async (status, code, _title, by, body, fields) => {
      const caller = await by();
      const res = await expectRefused(() => caller.post('/api/admin/links').send(body), status, code, linkCount);
      expect(Object.keys(res.body.error.fields ?? {})).toEqual(fields);
    });
  });
});

describe('GET /api/admin/links', () => {
  it("lists a community's links for its officer, newest first", async () => {
    const first = await newLink(t.officer, { community: 'jmjy', programId: t.stallProgram });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await newLink(t.officer, { community: 'jmjy' });
    const res = await t.officer.get('/api/admin/links?community=jmjy').expect(200);
    const ids = (res.body.items as LinkBody[]).map((l) => l.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect((res.body.items as LinkBody[]).every((l) => l.community === 'jmjy')).toBe(true);
  });

  it('lets a reviewer look', async () => {
    await t.reviewer.get('/api/admin/links?community=jmjy').expect(200);
  });

  it('answers 403 to an officer of another community', async () => {
    const res = await t.otherOfficer.get('/api/admin/links?community=jmjy').expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('answers 400 without a community', async () => {
    const res = await t.admin.get('/api/admin/links').expect(400);
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
    const link = await newLink(t.officer, { community: 'jmjy' });
    const res = await getBytes(link.codeUrl, t.officer);
    expect(res.type).toBe('image/png');
    expect(decodeQr(res.body)).toBe(`l=${link.id}`);
  });

  it('asks WeChat for the landing page with the scene, reusing one access token', async () => {
    const link = await newLink(t.admin, { community: 'jmjy' });
    const tokenCalls = () => t.standIn.received.filter((c) => c.path === '/cgi-bin/token').length;
    const before = tokenCalls();
    await t.admin.get(link.codeUrl).expect(200);
    await t.admin.get(link.codeUrl).expect(200);
    await t.admin.get(link.posterUrl).expect(200);
    const calls = t.standIn.received.filter((c) => c.path === '/wxa/getwxacodeunlimit');
    expect(calls.at(-1)?.body).toEqual({ scene: `l=${link.id}`, page: 'pages/index/index', check_path: false });
    // The token lives 7200 s: at most the first of the three calls fetches one.
    expect(tokenCalls() - before).toBeLessThanOrEqual(1);
  });

  it('answers 404 to an officer of another community', async () => {
    const link = await newLink(t.officer, { community: 'jmjy' });
    const res = await t.otherOfficer.get(link.codeUrl).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 404 for an unknown link', async () => {
    const res = await t.admin.get('/api/admin/links/AAAAAAAAAA/code.png').expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('the poster', () => {
  it('is an A4 PDF with the programme, the community, the code and the steps', async () => {
    const link = await newLink(t.officer, { community: 'jmjy', programId: t.stallProgram });
    const res = await getBytes(link.posterUrl, t.officer);
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
    const link = await newLink(t.admin, { community: 'bqsq' });
    const text = pdfText((await getBytes(link.posterUrl, t.reviewer)).body);
    expect(text).toContain('全部服务');
    expect(text).toContain('板桥社区');
  });

  it('answers 404 to an officer of another community', async () => {
    const link = await newLink(t.officer, { community: 'jmjy' });
    await t.otherOfficer.get(link.posterUrl).expect(404);
  });
});

describe('the poster as PNG', () => {
  it('is an A4 image at 150 dpi whose code decodes to the scene l=<id>', async () => {
    const link = await newLink(t.officer, { community: 'jmjy', programId: t.stallProgram });
    const res = await getBytes(link.posterPngUrl, t.officer);
    expect(res.type).toBe('image/png');
    const image = PNG.sync.read(res.body);
    expect({ width: image.width, height: image.height }).toEqual({ width: 1240, height: 1754 });
    expect(decodeQr(res.body)).toBe(`l=${link.id}`);
  });

  it('has ink where the title and the steps go, above and below the code', async () => {
    const link = await newLink(t.admin, { community: 'bqsq' });
    const image = PNG.sync.read((await getBytes(link.posterPngUrl, t.reviewer)).body);
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
    const link = await newLink(t.admin, { community: 'bqsq' });
    const res = await t.admin.get(link.posterPngUrl).expect(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(`板桥社区-全部服务-${link.id}.png`));
  });

  it('answers 404 to an officer of another community', async () => {
    const link = await newLink(t.officer, { community: 'jmjy' });
    const res = await t.otherOfficer.get(link.posterPngUrl).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('GET /api/links/:id', () => {
  it('shows anyone the community and the programme of a link', async () => {
    const link = await newLink(t.officer, { community: 'jmjy', programId: t.stallProgram });
    const res = await t.kit.anonymous.get(`/api/links/${link.id}`).expect(200);
    expect(res.body).toEqual({
      id: link.id,
      community: { code: 'jmjy', name: '景明佳园社区', street: '铁心桥街道' },
      allPrograms: false,
      programs: [{ id: t.stallProgram, kind: 'stall', title: '春江新城创业大市场摊位', summary: '测试', open: true }],
    });
  });

  it('lists the open programmes for a link to all services', async () => {
    const link = await newLink(t.officer, { community: 'jmjy' });
    const res = await t.kit.anonymous.get(`/api/links/${link.id}`).expect(200);
    expect(res.body.allPrograms).toBe(true);
    expect(res.body.programs.length).toBe(await rawCollection('programs').countDocuments({ status: 'open' }));
  });

  it('answers 404 for an unknown link and 400 for a malformed id', async () => {
    expect((await t.kit.anonymous.get('/api/links/ZZZZZZZZZZ').expect(404)).body.error.code).toBe('NOT_FOUND');
    expect((await t.kit.anonymous.get('/api/links/x').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
  });
});

/** The first touch stored on the resident's record. */
async function residentAttribution(resident: Actor) {
  const me = await resident.get('/api/me').expect(200);
  const raw = await rawCollection('residents').findOne({ _id: new Types.ObjectId(me.body.id as string) });
  return raw?.attribution as { linkId: string; community: string; officerId?: string; at: Date } | undefined;
}

/** The resident completes a real-name profile (`profileInput` with `overrides`). */
async function completeProfile(resident: Actor, overrides: Parameters<typeof profileInput>[0] = {}): Promise<void> {
  await resident.put('/api/me').send(profileInput(overrides)).expect(200);
}

/** An anonymous open from this test's address by the browser `userAgent` (a visitor of its own); its answer. */
const openAs = async (linkId: string, userAgent: string) =>
  (await t.kit.anonymous.post(`/api/links/${linkId}/open`).set('User-Agent', userAgent).expect(200)).body as { attributed: boolean };

const countedOpens = (linkId: string) => rawCollection('linkopens').countDocuments({ linkId });

describe('POST /api/links/:id/open', () => {
  it('counts an anonymous open without attributing anyone', async () => {
    const link = await newLink(t.officer, { community: 'jmjy' });
    expect(await openLink(t.kit.anonymous, link.id)).toEqual({ attributed: false });
    expect(await countedOpens(link.id)).toBe(1);
  });

  it('counts a visitor once per day however often they open it', async () => {
    const link = await newLink(t.officer, { community: 'jmjy' });
    for (let i = 0; i < 5; i += 1) await openLink(t.kit.anonymous, link.id);
    const resident = await t.kit.resident();
    for (let i = 0; i < 3; i += 1) await openLink(resident, link.id);
    expect(await countedOpens(link.id)).toBe(2);
  });

  describe(`over ${OPENS_PER_ADDRESS_PER_DAY} opens from one address a day`, () => {
    let link: LinkBody;
    // One address (the test's loopback) opens the link as that many visitors: the bound is reached.
    beforeAll(async () => {
      link = await newLink(t.officer, { community: 'jmjy' });
      for (let i = 0; i < OPENS_PER_ADDRESS_PER_DAY; i += 1) await openAs(link.id, `script ${i}`);
      expect(await countedOpens(link.id)).toBe(OPENS_PER_ADDRESS_PER_DAY);
    });

    it(`counts at most ${OPENS_PER_ADDRESS_PER_DAY}, and stores no address`, async () => {
      for (let i = 0; i < 20; i += 1) await openAs(link.id, `script more ${i}`);
      expect(await countedOpens(link.id)).toBe(OPENS_PER_ADDRESS_PER_DAY);
      const stored = JSON.stringify(await rawCollection('linkopenquotas').find({}).toArray());
      expect(stored).not.toMatch(/127\.0\.0\.1|::1|::ffff/);
    });

    it("stores nothing for a refused open: no claim of the visitor's open, no change to the address's tally", async () => {
      const stored = async () => ({
        opens: await rawCollection('linkopens').find({ linkId: link.id }).sort({ _id: 1 }).toArray(),
        tallies: await rawCollection('linkopenquotas').find({}).sort({ _id: 1 }).toArray(),
      });
      const before = await stored();
      for (let i = 0; i < 5; i += 1) expect(await openAs(link.id, `refused ${i}`)).toEqual({ attributed: false });
      expect(await stored()).toEqual(before);
    });

    it('still makes the link the first touch of a resident whose open is not counted', async () => {
      const resident = await t.kit.resident();
      expect(await openLink(resident, link.id)).toEqual({ attributed: true });
      expect((await residentAttribution(resident))?.linkId).toBe(link.id);
      expect(await countedOpens(link.id)).toBe(OPENS_PER_ADDRESS_PER_DAY);
    });
  });

  it('counts an open with a bad token as anonymous', async () => {
    const link = await newLink(t.officer, { community: 'jmjy' });
    expect(await openLink(actor(t.baseUrl, 'garbage.garbage.garbage'), link.id)).toEqual({ attributed: false });
  });

  it("records the first link as the resident's attribution, with the officer who made it", async () => {
    const link = await newLink(t.officer, { community: 'jmjy' });
    const resident = await t.kit.resident();
    expect(await openLink(resident, link.id)).toEqual({ attributed: true });
    expect(await residentAttribution(resident)).toEqual({
      linkId: link.id,
      community: 'jmjy',
      officerId: t.officer.id,
      at: expect.any(Date),
    });
  });

  it('leaves out the officer for a link an admin made', async () => {
    const link = await newLink(t.admin, { community: 'bqsq' });
    const resident = await t.kit.resident();
    await openLink(resident, link.id);
    const attribution = await residentAttribution(resident);
    expect(attribution).toMatchObject({ linkId: link.id, community: 'bqsq' });
    expect(attribution?.officerId).toBeUndefined();
  });

  it('keeps the first touch through a second link and a new login', async () => {
    const first = await newLink(t.officer, { community: 'jmjy' });
    const second = await newLink(t.admin, { community: 'bqsq' });
    const name = uniqueName();
    const resident = await t.kit.resident({ name });
    await openLink(resident, first.id);
    expect(await openLink(resident, second.id)).toEqual({ attributed: false });
    const again = await t.kit.resident({ name });
    expect(await openLink(again, second.id)).toEqual({ attributed: false });
    expect(await openLink(again, first.id)).toEqual({ attributed: false });
    expect((await residentAttribution(again))?.linkId).toBe(first.id);
    // Opened twice by the same resident on the same day: counted once.
    expect(await countedOpens(second.id)).toBe(1);
  });

  it('attributes exactly one of many simultaneous first opens', async () => {
    const links = await Promise.all([
      newLink(t.officer, { community: 'jmjy' }),
      newLink(t.admin, { community: 'bqsq' }),
      newLink(t.admin, { community: 'jmjy' }),
    ]);
    const resident = await t.kit.resident();
    const answers = await Promise.all(links.flatMap((l) => [openLink(resident, l.id), openLink(resident, l.id), openLink(resident, l.id)]));
    expect(answers.filter((a) => a.attributed)).toHaveLength(1);
    // Three opens per link, in link order.
    const winner = links[Math.floor(answers.findIndex((a) => a.attributed) / 3)];
    expect((await residentAttribution(resident))?.linkId).toBe(winner?.id);
  });

  it('answers 404 for an unknown link and counts nothing', async () => {
    await expectRefused(
      () => t.kit.anonymous.post('/api/links/QQQQQQQQQQ/open'),
      404,
      'NOT_FOUND',
      () => rawCollection('linkopens').countDocuments(),
    );
  });
});

describe('POST /api/links/:id/attribute', () => {
  async function attribute(linkId: string, resident: Actor) {
    return (await resident.post(`/api/links/${linkId}/attribute`).expect(200)).body as { attributed: boolean };
  }
  const firstTouches = () => rawCollection('firsttouches').countDocuments();

  it('attributes a resident who opened the link before logging in, without counting another open', async () => {
    const link = await newLink(t.officer, { community: 'jmjy' });
    await openLink(t.kit.anonymous, link.id);
    const resident = await t.kit.resident();
    expect(await attribute(link.id, resident)).toEqual({ attributed: true });
    expect(await residentAttribution(resident)).toEqual({
      linkId: link.id,
      community: 'jmjy',
      officerId: t.officer.id,
      at: expect.any(Date),
    });
    expect(await countedOpens(link.id)).toBe(1);
  });

  it('keeps an earlier first touch', async () => {
    const first = await newLink(t.officer, { community: 'jmjy' });
    const second = await newLink(t.admin, { community: 'bqsq' });
    const resident = await t.kit.resident();
    await openLink(resident, first.id);
    expect(await attribute(second.id, resident)).toEqual({ attributed: false });
    expect((await residentAttribution(resident))?.linkId).toBe(first.id);
  });

  it('answers 401 without a resident token and 404 for an unknown link, storing nothing', async () => {
    const link = await newLink(t.officer, { community: 'jmjy' });
    await expectRefused(() => t.kit.anonymous.post(`/api/links/${link.id}/attribute`), 401, 'UNAUTHENTICATED', firstTouches);
    const resident = await t.kit.resident();
    await expectRefused(() => resident.post('/api/links/QQQQQQQQQQ/attribute'), 404, 'NOT_FOUND', firstTouches);
  });
});

describe('attribution on applications', () => {
  /** The resident's stall application, submitted; as stored. */
  async function storedApplication(resident: Actor) {
    const res = await postApplication(resident, { programId: t.stallProgram, form: FORMS.stall, materialIds: [] }).expect(201);
    return rawCollection('applications').findOne({ number: res.body.number as string });
  }

  it("copies the resident's first touch onto their application", async () => {
    const link = await newLink(t.officer, { community: 'jmjy', programId: t.stallProgram });
    const resident = await t.kit.resident();
    await openLink(resident, link.id);
    await completeProfile(resident, { community: 'jmjy' });
    expect((await storedApplication(resident))?.attribution).toEqual({
      linkId: link.id,
      community: 'jmjy',
      officerId: t.officer.id,
      at: expect.any(Date),
    });
  });

  it('leaves an application of a resident who came without a link unattributed', async () => {
    const resident = await t.kit.resident();
    await completeProfile(resident);
    expect((await storedApplication(resident))?.attribution).toBeUndefined();
  });
});

describe('GET /api/admin/links/funnel', () => {
  it('counts opens, new residents, profiles, applications and approvals per link and per programme', async () => {
    await t.admin.post('/api/admin/communities').send({ code: 'funnel1', name: '漏斗村', street: '梅山街道', type: 'village' }).expect(201);
    const fOfficer = await t.kit.officer('funnel1');
    const forStall = await newLink(fOfficer, { community: 'funnel1', programId: t.stallProgram });
    const forAll = await newLink(fOfficer, { community: 'funnel1' });

    // Two anonymous opens of the stall link; A comes by it, completes a profile, applies and is approved.
    // Two phones opening it before logging in (one phone's repeated opens on a day count once).
    for (const phone of ['phone 1', 'phone 2']) await openAs(forStall.id, phone);
    const a = await t.kit.resident();
    await openLink(a, forStall.id);
    await completeProfile(a, { community: 'funnel1' });
    const applied = await postApplication(a, { programId: t.stallProgram, form: FORMS.stall, materialIds: [] }).expect(201);
    await takeSteps(applied.body.id as string, 1, [
      [t.reviewer, { action: 'start_review' }],
      [t.reviewer, { action: 'approve' }],
    ]);
    // B comes by the all-services link and completes a profile; C only opens it; A opening it changes nothing.
    const b = await t.kit.resident();
    await openLink(b, forAll.id);
    await completeProfile(b, { community: 'funnel1' });
    const c = await t.kit.resident();
    await openLink(c, forAll.id);
    await openLink(a, forAll.id);

    const res = await fOfficer.get('/api/admin/links/funnel?community=funnel1').expect(200);
    expect(res.body.community).toBe('funnel1');
    expect(res.body.links).toHaveLength(2);
    // The stall programme has one link, so its counts are that link's.
    const stall = { programId: t.stallProgram, programTitle: '春江新城创业大市场摊位' };
    const stallCounts = { opens: 3, newResidents: 1, profilesCompleted: 1, applicationsSubmitted: 1, approved: 1 };
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
        { linkId: forStall.id, ...stall, ...stallCounts },
      ]),
    );
    expect(res.body.programs).toEqual([{ ...stall, ...stallCounts }]);
    expect(res.body.totals).toEqual({ opens: 6, newResidents: 3, profilesCompleted: 2, applicationsSubmitted: 1, approved: 1 });
  });

  it('answers zeros for a community without links', async () => {
    const res = await t.admin.get('/api/admin/links/funnel?community=msc').expect(200);
    expect(res.body).toEqual({
      community: 'msc',
      links: [],
      programs: [],
      totals: { opens: 0, newResidents: 0, profilesCompleted: 0, applicationsSubmitted: 0, approved: 0 },
    });
  });

  it('answers 403 to an officer of another community', async () => {
    const res = await t.otherOfficer.get('/api/admin/links/funnel?community=jmjy').expect(403);
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
