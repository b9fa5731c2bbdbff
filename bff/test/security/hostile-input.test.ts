import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type supertest from 'supertest';
import type { AnyRoute } from '../../src/http/route';
import { applicant, DECLARED, FORMS, PNG_1X1, postApplication, profileInput, programId, useTestApp, type Actor } from '../kit';
import { concretePath, databaseFingerprint, diffFingerprints, routeKey } from './support';

/**
 * Hostile input against every route the app has, generated from the route
 * specs: operator injection in every body field and query parameter,
 * prototype keys, oversized, deeply nested and huge bodies, wrong content
 * types, broken JSON and UTF-8, and for uploads traversal names and files
 * whose type lies. Each must get a 4xx and leave the database as it was.
 * A route added later is covered without touching this file; a good body
 * below only makes the injections sharper (one bad field in a valid body).
 */

type Json = Record<string, unknown>;

/** Real ids for the parameters of some routes, so that checks behind the lookup (a programme's details) are reached. */
const realIds: Record<string, Record<string, string>> = {};
const goodBodies: Record<string, () => Promise<Json>> = {
  'PUT /api/me': async () => ({ ...profileInput() }),
  'POST /api/applications': async () => ({ programId: await programId('park-chunjiang'), form: FORMS.stall, materialIds: [], ...DECLARED }),
  'POST /api/auth/wechat': async () => ({ code: 'dev:hostile' }),
  'POST /api/admin/login': async () => ({ username: 'nobody', password: 'whatever-password' }),
  'POST /api/admin/staff': async () => ({
    username: `u${randomUUID().slice(0, 8)}`,
    name: '测试',
    password: 'long-enough-pass',
    role: 'reviewer',
  }),
  'POST /api/admin/links': async () => ({ community: 'jmjy' }),
  'POST /api/admin/applications/:id/transitions': async () => ({ action: 'approve', version: 1 }),
  'POST /api/admin/applications/:id/reveal-id': async () => ({ reason: '核对身份' }),
  'POST /api/admin/applications/:id/reveal-mobile': async () => ({ reason: '电话联系' }),
};

const OPERATORS: unknown[] = [{ $ne: null }, { $gt: '' }, { $where: 'sleep(1000)' }, { $regex: '.*' }];

/** Dot paths of every field a zod schema describes, objects and their fields alike. */
function fieldPaths(schema: z.core.$ZodType, prefix: string[] = []): string[][] {
  const def = schema._zod.def as unknown as {
    type: string;
    shape?: Record<string, z.core.$ZodType>;
    innerType?: z.core.$ZodType;
    in?: z.core.$ZodType;
    options?: z.core.$ZodType[];
    element?: z.core.$ZodType;
  };
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, field]) => [[...prefix, key], ...fieldPaths(field, [...prefix, key])]);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return def.innerType ? fieldPaths(def.innerType, prefix) : [];
    case 'pipe':
      return def.in ? fieldPaths(def.in, prefix) : [];
    case 'union': {
      const seen = new Map<string, string[]>();
      for (const option of def.options ?? []) for (const p of fieldPaths(option, prefix)) seen.set(p.join('.'), p);
      return [...seen.values()];
    }
    case 'array':
      return def.element ? fieldPaths(def.element, [...prefix, '0']) : [];
    default:
      return [];
  }
}

type Def = {
  type: string;
  discriminator?: string;
  options?: z.core.$ZodType[];
  shape?: Record<string, z.core.$ZodType>;
  values?: unknown[];
};
const defOf = (schema: z.core.$ZodType | undefined) => schema?._zod.def as unknown as Def | undefined;

/**
 * For a body that is a union on a discriminator (a request per action), the
 * good body switched to an option that has the field, so that the injection
 * is refused for the field and not for a field foreign to the option.
 */
function optionFor(schema: z.core.$ZodType, base: Json, path: string[]): Json {
  const def = defOf(schema);
  const field = path[0];
  if (def?.type !== 'union' || !def.discriminator || field === undefined) return base;
  const key = def.discriminator;
  const shapeOf = (option: z.core.$ZodType) => defOf(option)?.shape ?? {};
  const valueOf = (option: z.core.$ZodType) => defOf(shapeOf(option)[key])?.values?.[0];
  const options = def.options ?? [];
  if (options.some((o) => valueOf(o) === base[key] && field in shapeOf(o))) return base;
  const other = options.find((o) => field in shapeOf(o));
  return other ? { ...base, [key]: valueOf(other) } : base;
}

function setPath(body: Json, path: string[], value: unknown): Json {
  const copy = structuredClone(body);
  let at: Record<string, unknown> = copy;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      at[key] = value;
      return;
    }
    const next = at[key];
    at[key] = typeof next === 'object' && next !== null ? next : /^\d+$/.test(path[i + 1] ?? '') ? [] : {};
    at = at[key] as Record<string, unknown>;
  });
  return copy;
}

const BOUNDARY = 'hostile-boundary-7d1f';

function multipart(purpose: string, file: Buffer, filename: string, contentType: string): Buffer {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n${purpose}\r\n`),
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename.replace(/"/g, '%22')}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

function callerFor(r: AnyRoute): Actor {
  if (r.access.kind === 'resident') return t.resident;
  if (r.access.kind === 'staff') return t.admin;
  return t.kit.anonymous;
}

interface Sent {
  what: string;
  status: number;
  code: string | undefined;
  fields: Record<string, string>;
}

function send(r: AnyRoute, what: string, build: (req: supertest.Test) => supertest.Test, url = pathOf(r)): Promise<Sent> {
  const req = callerFor(r)[r.method](url).set('Idempotency-Key', randomUUID());
  return build(req).then((res) => ({
    what,
    status: res.status,
    code: (res.body as { error?: { code?: string } }).error?.code,
    fields: (res.body as { error?: { fields?: Record<string, string> } }).error?.fields ?? {},
  }));
}

function pathOf(r: AnyRoute): string {
  const prefix = Object.keys(realIds).find((p) => r.path.startsWith(p));
  return concretePath(r, prefix ? realIds[prefix] : {});
}

/** Every hostile request for one route; the payloads are built here, sent by the test. */
async function attacks(r: AnyRoute): Promise<Sent[]> {
  const key = routeKey(r);
  const sent: Sent[] = [];
  const base = (await goodBodies[key]?.()) ?? {};

  if (r.query) {
    for (const path of fieldPaths(r.query)) {
      const name = path[0] ?? 'x';
      const url = pathOf(r);
      for (const q of [`${name}[$ne]=1`, `${name}[$gt]=`, `${name}=a&${name}=b`, `${name}=%7B%22%24ne%22%3Anull%7D&${name}[$ne]=null`]) {
        sent.push(await send(r, `query ${q}`, (req) => req, `${url}?${q}`));
      }
    }
  }
  if (r.params) {
    const url = pathOf(r).replace(/[^/]+$/, encodeURIComponent('{"$ne":null}'));
    if (url !== pathOf(r)) sent.push(await send(r, 'path param operator', (req) => req, url));
  }
  if (r.body && r.bodyType !== 'multipart') {
    const body = r.body;
    for (const path of fieldPaths(body)) {
      for (const op of OPERATORS) {
        const what = `body ${path.join('.')} = ${JSON.stringify(op)}`;
        const res = await send(r, what, (req) => req.type('json').send(setPath(optionFor(body, base, path), path, op)));
        sent.push(res);
        // With an otherwise good body, the refusal must be about the injected field (or the object holding it).
        const dotted = path.join('.');
        const named = Object.keys(res.fields).some((f) => dotted === f || dotted.startsWith(`${f}.`) || f.startsWith(`${dotted}.`));
        if (goodBodies[key] && !named && res.status < 500) res.what += ' [refused without naming the field]';
      }
    }
    const first = fieldPaths(r.body)[0]?.[0] ?? 'x';
    const raw: [string, string | Buffer, string][] = [
      ['__proto__ key', '{"__proto__":{"polluted":"yes"}}', 'application/json'],
      [
        'nested __proto__ key',
        JSON.stringify({ ...base, [first]: 'PROTO' }).replace('"PROTO"', '{"__proto__":{"polluted":"yes"}}'),
        'application/json',
      ],
      ['constructor.prototype key', '{"constructor":{"prototype":{"polluted":"yes"}}}', 'application/json'],
      ['oversized body', JSON.stringify({ ...base, [first]: 'x'.repeat(200 * 1024) }), 'application/json'],
      ['deeply nested body', `{"${first}":${'['.repeat(5000)}${']'.repeat(5000)}}`, 'application/json'],
      ['huge array', JSON.stringify({ ...base, [first]: Array.from({ length: 20000 }, () => 1) }), 'application/json'],
      ['text/plain', JSON.stringify(base), 'text/plain'],
      ['form-urlencoded', `${first}=x`, 'application/x-www-form-urlencoded'],
      ['XML', `<${first}>x</${first}>`, 'application/xml'],
      ['malformed JSON', '{"a":', 'application/json'],
      ['bare JSON value', '"just a string"', 'application/json'],
      ['JSON null', 'null', 'application/json'],
      [
        'invalid UTF-8',
        Buffer.concat([
          Buffer.from(JSON.stringify(base).slice(0, -1) + `${Object.keys(base).length ? ',' : ''}"${first}":"`),
          Buffer.from([0xc3, 0x28, 0xff]),
          Buffer.from('"}'),
        ]),
        'application/json',
      ],
      ['latin1 charset', JSON.stringify(base), 'application/json; charset=latin1'],
      ['gzip claimed', JSON.stringify(base), 'application/json'],
    ];
    for (const [what, body, type] of raw) {
      sent.push(
        await send(r, what, (req) => {
          const withType = req.set('Content-Type', type);
          return (what === 'gzip claimed' ? withType.set('Content-Encoding', 'gzip') : withType).send(
            typeof body === 'string' ? body : body,
          );
        }),
      );
    }
  }
  if (r.bodyType === 'multipart') {
    const purpose = 'id_card';
    // Built by hand: form-data (under supertest) cuts directories off file names before they leave.
    const upload = (what: string, file: Buffer, filename: string, contentType: string, field = purpose) =>
      send(r, what, (req) =>
        req.set('Content-Type', `multipart/form-data; boundary=${BOUNDARY}`).send(multipart(field, file, filename, contentType)),
      );
    for (const name of ['../../etc/passwd.png', '..\\..\\windows\\win.png', '/etc/passwd.png', 'a\u0000b.png', '..', 'x/../../y.png']) {
      sent.push(await upload(`file name ${JSON.stringify(name)}`, PNG_1X1, name, 'image/png'));
    }
    sent.push(await upload('text declared as PNG', Buffer.from('hello, not an image'), 'a.png', 'image/png'));
    sent.push(await upload('PNG declared as PDF', PNG_1X1, 'a.pdf', 'application/pdf'));
    sent.push(await upload('HTML declared as JPEG', Buffer.from('<html><script>alert(1)</script></html>'), 'a.jpg', 'image/jpeg'));
    sent.push(await upload('executable declared as PNG', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]), 'a.png', 'image/png'));
    sent.push(
      await upload(
        'SVG declared as PNG',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        'a.svg',
        'image/png',
      ),
    );
    sent.push(await upload('purpose operator', PNG_1X1, 'a.png', 'image/png', '{"$ne":null}'));
    sent.push(await upload('purpose __proto__', PNG_1X1, 'a.png', 'image/png', '__proto__'));
    sent.push(await send(r, 'no file', (req) => req.field('purpose', purpose)));
    sent.push(await send(r, 'JSON instead of multipart', (req) => req.type('json').send({ purpose })));
    sent.push(await send(r, 'multipart without boundary', (req) => req.set('Content-Type', 'multipart/form-data').send('--x\r\n')));
    sent.push(
      await send(r, 'cut-off multipart', (req) =>
        req
          .set('Content-Type', 'multipart/form-data; boundary=zzz')
          .send('--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\x89PNG'),
      ),
    );
  }
  return sent;
}

/** A resident with an application to park-chunjiang (its id and the programme's are the real ids above), and an administrator. */
const t = useTestApp({ staff: ['admin'] }, async ({ kit }) => {
  const { resident, body } = await applicant(kit, 'park-chunjiang');
  const applicationId = ((await postApplication(resident, body).expect(201)).body as { id: string }).id;
  realIds['/api/applications/:id'] = { id: applicationId };
  realIds['/api/admin/applications/:id'] = { id: applicationId };
  realIds['/api/admin/programs/:id'] = { id: await programId('park-chunjiang') };
  return { resident };
});

const totals = { routes: 0, payloads: 0, refused4xx: 0, storedChanges: 0 };
afterAll(() => {
  console.log(
    `[security] hostile input: ${totals.routes} routes, ${totals.payloads} payloads, ${totals.refused4xx} answered 4xx, stored changes ${totals.storedChanges}`,
  );
});

describe('hostile input', () => {
  it('reaches every route of the app that takes input', async () => {
    const withInput = t.app.routes.filter((r) => r.body || r.query || r.params);
    const problems: unknown[] = [];
    for (const r of withInput) {
      const before = await databaseFingerprint();
      const sent = await attacks(r);
      const changed = diffFingerprints(before, await databaseFingerprint());
      totals.routes += 1;
      totals.payloads += sent.length;
      totals.refused4xx += sent.filter((s) => s.status >= 400 && s.status < 500).length;
      totals.storedChanges += changed.length;
      const wrong = sent.filter(
        (s) => s.status < 400 || s.status >= 500 || s.status === 401 || s.status === 403 || s.what.includes('[refused without naming'),
      );
      if (wrong.length > 0 || changed.length > 0)
        problems.push({ route: routeKey(r), wrong: wrong.map((s) => `${s.what} → ${s.status} ${s.code ?? ''}`), changed });
    }
    expect(problems).toEqual([]);
    expect(totals.routes).toBeGreaterThan(10);
  }, 300_000); // about 1,200 requests one after another, each with two fingerprints of every collection: a bound of work, not a timing

  it('reads an empty body sent as JSON as {}, so the route answers about its fields', async () => {
    const res = await t.http.post('/api/auth/wechat').set('Content-Type', 'application/json').set('Content-Length', '0').send('');
    expect({ status: res.status, code: res.body.error?.code, field: Boolean(res.body.error?.fields?.code) }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      field: true,
    });
  });

  it.each([
    ['NUL and control characters', '张\u0000三\u0007', '张三'],
    ['a right-to-left override', '\u202e三张', '三张'],
    ['bidi isolates and zero-width characters', '\u2066赵\u200b六\u2069', '赵六'],
    ['Kangxi radicals that look like ideographs', '\u2f08\u2f1f', '人土'],
  ])('stores free text without %s (a name, read back as staff and resident see it)', async (_what, typed, stored) => {
    const me = await t.resident
      .put('/api/me')
      .send({ ...profileInput(), name: typed })
      .expect(200);
    expect(me.body.profile.name).toBe(stored);
    const again = await t.resident.get('/api/me').expect(200);
    expect(again.body.profile.name).toBe(stored);
  });

  it('left Object.prototype unpolluted', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
