import { expectRefused, profileInput, rawCollection, useTestApp } from '../../../test/kit';

const t = useTestApp({ seedCatalog: false, staff: ['admin', 'reviewer', 'officer'] });

const communityCount = () => rawCollection('communities').countDocuments();
const NEW = { code: 'hxc', name: '韩府山村', street: '铁心桥街道', type: 'village' } as const;

interface CommunityBody {
  id: string;
  code: string;
  name: string;
  street: string;
  type: string;
  active: boolean;
}

async function create(body: Record<string, unknown>): Promise<CommunityBody> {
  return (await t.admin.post('/api/admin/communities').send(body).expect(201)).body as CommunityBody;
}

async function placesCodes(): Promise<string[]> {
  const res = await t.http.get('/api/communities').expect(200);
  return (res.body.streets as { communities: { code: string }[] }[]).flatMap((s) => s.communities.map((c) => c.code));
}

describe('GET /api/admin/communities', () => {
  it('lists every community to any staff member, the seed ones included', async () => {
    for (const staff of [t.admin, t.reviewer, t.officer]) {
      const res = await staff.get('/api/admin/communities').expect(200);
      expect(res.body.items).toContainEqual({
        id: expect.any(String),
        code: 'jmjy',
        name: '景明佳园社区',
        street: '铁心桥街道',
        type: 'urban',
        active: true,
      });
    }
  });

  it('answers 401 to a resident', async () => {
    const resident = await t.kit.resident();
    const res = await resident.get('/api/admin/communities').expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('POST /api/admin/communities', () => {
  it('adds a community that residents can then pick', async () => {
    const created = await create(NEW);
    expect(created).toEqual({ id: expect.any(String), ...NEW, active: true });
    expect(await placesCodes()).toContain('hxc');
    const resident = await t.kit.resident();
    const me = await resident
      .put('/api/me')
      .send(profileInput({ community: 'hxc' }))
      .expect(200);
    expect(me.body.profile).toMatchObject({ community: 'hxc', communityName: '韩府山村', street: '铁心桥街道' });
  });

  it('answers 409 for a code in use, storing nothing', async () => {
    await expectRefused(() => t.admin.post('/api/admin/communities').send({ ...NEW, code: 'jmjy' }), 409, 'CONFLICT', communityCount);
  });

  it('answers 400 with fields.code for a code that is not short and URL-safe', async () => {
    for (const code of ['Upper1', 'has space', 'a', 'x'.repeat(13), '村']) {
      const res = await expectRefused(
        () => t.admin.post('/api/admin/communities').send({ ...NEW, code }),
        400,
        'VALIDATION_FAILED',
        communityCount,
      );
      expect(Object.keys(res.body.error.fields)).toEqual(['code']);
    }
  });

  it('answers 400 with fields.type for an unknown type and fields.name for an empty name', async () => {
    const res = await t.admin
      .post('/api/admin/communities')
      .send({ ...NEW, code: 'zz1', type: 'town', name: ' ' })
      .expect(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['name', 'type']);
  });

  it('answers 403 to a reviewer and an officer', async () => {
    for (const staff of [t.reviewer, t.officer]) {
      await expectRefused(() => staff.post('/api/admin/communities').send({ ...NEW, code: 'zz2' }), 403, 'FORBIDDEN', communityCount);
    }
  });
});

describe('PATCH /api/admin/communities/:id', () => {
  it('renames and moves a community, keeping its code', async () => {
    const c = await create({ ...NEW, code: 'mv1', name: '旧名村' });
    const res = await t.admin
      .patch(`/api/admin/communities/${c.id}`)
      .send({ name: '新名社区', street: '板桥街道', type: 'urban' })
      .expect(200);
    expect(res.body).toEqual({ id: c.id, code: 'mv1', name: '新名社区', street: '板桥街道', type: 'urban', active: true });
  });

  it('deactivates a community: residents can no longer pick it, staff still see it', async () => {
    const c = await create({ ...NEW, code: 'off1' });
    await t.admin.patch(`/api/admin/communities/${c.id}`).send({ active: false }).expect(200);
    expect(await placesCodes()).not.toContain('off1');
    const resident = await t.kit.resident();
    const res = await resident
      .put('/api/me')
      .send(profileInput({ community: 'off1' }))
      .expect(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['community']);
    const list = await t.officer.get('/api/admin/communities').expect(200);
    expect(list.body.items).toContainEqual(expect.objectContaining({ code: 'off1', active: false }));
    await t.admin.patch(`/api/admin/communities/${c.id}`).send({ active: true }).expect(200);
    expect(await placesCodes()).toContain('off1');
  });

  it('answers 400 when asked to change the code', async () => {
    const c = await create({ ...NEW, code: 'fix1' });
    const res = await t.admin.patch(`/api/admin/communities/${c.id}`).send({ code: 'fix2' }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(await rawCollection('communities').countDocuments({ code: 'fix1' })).toBe(1);
  });

  it('answers 400 for an empty change', async () => {
    const c = await create({ ...NEW, code: 'nop1' });
    const res = await t.admin.patch(`/api/admin/communities/${c.id}`).send({}).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 404 for an unknown community and 400 for a malformed id', async () => {
    expect(
      (await t.admin.patch('/api/admin/communities/0123456789abcdef01234567').send({ active: false }).expect(404)).body.error.code,
    ).toBe('NOT_FOUND');
    await t.admin.patch('/api/admin/communities/jmjy').send({ active: false }).expect(400);
  });

  it('answers 403 to a reviewer and an officer', async () => {
    const c = await create({ ...NEW, code: 'own1' });
    for (const staff of [t.reviewer, t.officer]) {
      const res = await staff.patch(`/api/admin/communities/${c.id}`).send({ active: false }).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await rawCollection('communities').findOne({ code: 'own1' }))?.active).toBe(true);
  });
});
