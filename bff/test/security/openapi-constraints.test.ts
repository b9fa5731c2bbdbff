import { PRIVACY_NOTICE, profileInputSchema, resubmitApplicationRequestSchema, updateCommunityRequestSchema } from '@minsheng/shared';
import { startTestApp, type TestContext } from '../kit';

/**
 * The API document states the constraints the validation applies (so a client, or schemathesis, generating
 * requests from it is not refused with 400 for a rule it could not read), and the router's methods agree with it.
 */

let t: TestContext;
let doc: { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, Schema> } };
beforeAll(async () => {
  t = await startTestApp({ seedCatalog: false });
  doc = (await t.http.get('/api/openapi.json').expect(200)).body;
});
afterAll(() => t.close());

interface Schema {
  properties?: Record<string, Schema>;
  items?: Schema;
  pattern?: string;
  maximum?: number;
  minimum?: number;
  minProperties?: number;
  uniqueItems?: boolean;
  required?: string[];
  format?: string;
  $ref?: string;
  not?: object;
  deprecated?: boolean;
}

const component = (id: string): Schema => {
  const s = doc.components.schemas[id];
  if (!s) throw new Error(`no component ${id}`);
  return s;
};
/** A property of an object schema; a missing one fails the test. */
const prop = (schema: Schema, name: string): Schema => {
  const s = schema.properties?.[name];
  if (!s) throw new Error(`no property ${name}`);
  return s;
};
const patternOf = (schema: Schema): string => schema.pattern ?? '(no pattern)';
const bodyOf = (path: string, method: string, type: string): Schema => {
  const op = doc.paths[path]?.[method] as { requestBody: { content: Record<string, { schema: Schema } | undefined> } };
  const schema = op.requestBody.content[type]?.schema;
  if (!schema) throw new Error(`no ${type} body`);
  return schema.$ref ? component(schema.$ref.split('/').pop() ?? '') : schema;
};
const accepts = (pattern: string, value: string) => new RegExp(pattern).test(value);

describe('the OpenAPI document states the validation', () => {
  it('states that no typed certificate number is accepted (not: {}), as zod refuses every value', () => {
    const typed = prop(component('ProfileInput'), 'reemploymentCertificateNo');
    expect(typed).toMatchObject({ not: {}, deprecated: true });
    const valid = {
      name: '张三',
      mobile: '13800138000',
      community: 'jmjy',
      householdType: 'urban',
      privacyNoticeVersion: PRIVACY_NOTICE.version,
    };
    expect(profileInputSchema.safeParse(valid).success).toBe(true);
    for (const value of ['ZJ2006-0001', '', null, 1]) {
      expect(profileInputSchema.safeParse({ ...valid, reemploymentCertificateNo: value }).success).toBe(false);
    }
  });

  it('states the ID number and mobile shapes, agreeing with the zod schema on good and bad values', () => {
    const profile = component('ProfileInput');
    const valid = {
      name: '张三',
      mobile: '138 0013 8000',
      community: 'jmjy',
      householdType: 'urban',
      privacyNoticeVersion: PRIVACY_NOTICE.version,
    };
    for (const mobile of ['13800138000', '+86 138-0013-8000', '008613800138000', '12800138000', '1380013800', '+1 13800138000']) {
      const zod = profileInputSchema.safeParse({ ...valid, mobile }).success;
      expect([mobile, accepts(patternOf(prop(profile, 'mobile')), mobile)]).toEqual([mobile, zod]);
    }
    for (const idNumber of ['32011419800101002x', '320114 19800101002X', '3201141980010100', 'A2011419800101002X']) {
      // The pattern is the shape: whatever it refuses zod refuses too (the check character is beyond a pattern).
      if (!accepts(patternOf(prop(profile, 'idNumber')), idNumber))
        expect(profileInputSchema.safeParse({ ...valid, idNumber }).success).toBe(false);
    }
    expect(accepts(patternOf(prop(profile, 'idNumber')), '32011419800101002x')).toBe(true);
    expect(prop(profile, 'categories').uniqueItems).toBe(true);
    expect(profileInputSchema.safeParse({ ...valid, categories: ['laid_off', 'laid_off'] }).success).toBe(false);
  });

  it('bounds versions to safe integers, as zod does', () => {
    expect(prop(component('ResubmitApplicationRequest'), 'version').maximum).toBe(Number.MAX_SAFE_INTEGER);
    expect(resubmitApplicationRequestSchema.shape.version.safeParse(Number.MAX_SAFE_INTEGER + 2).success).toBe(false);
    expect(resubmitApplicationRequestSchema.shape.version.safeParse(Number.MAX_SAFE_INTEGER).success).toBe(true);
  });

  it('says a change must change something (minProperties), as the refinement refuses {}', () => {
    for (const id of ['UpdateCommunityRequest', 'UpdateProgramRequest', 'UpdateStaffRequest']) {
      expect([id, component(id).minProperties]).toEqual([id, 1]);
    }
    expect(updateCommunityRequestSchema.safeParse({}).success).toBe(false);
  });

  it('requires the file of an upload', () => {
    const upload = bodyOf('/api/materials', 'post', 'multipart/form-data');
    expect(upload.required).toEqual(expect.arrayContaining(['purpose', 'file']));
    expect(prop(upload, 'file').format).toBe('binary');
  });
});

describe('methods', () => {
  it('a POST-only route beside a parameterised one: GET is 405 with Allow: POST, OPTIONS 204 with the same Allow', async () => {
    const get = await t.http.get('/api/admin/applications/search');
    expect([get.status, get.headers.allow, get.body.error.code]).toEqual([405, 'POST, OPTIONS', 'METHOD_NOT_ALLOWED']);
    const options = await t.http.options('/api/admin/applications/search');
    expect([options.status, options.headers.allow]).toEqual([204, 'POST, OPTIONS']);
    expect(Object.keys(doc.paths['/api/admin/applications/search'] ?? {})).toEqual(['post']);
  });

  it('a parameterised resource lists its own methods; GET implies HEAD; an unknown path stays 404', async () => {
    const options = await t.http.options('/api/admin/applications/0123456789abcdef01234567');
    expect([options.status, options.headers.allow]).toEqual([204, 'GET, HEAD, OPTIONS']);
    const del = await t.http.delete('/api/programs');
    expect([del.status, del.headers.allow]).toEqual([405, 'GET, HEAD, OPTIONS']);
    await t.http.options('/api/nothing-here').expect(404);
  });
});
