import type { MeResponse } from '@minsheng/shared';
import Taro from '@tarojs/taro';
import { actAs, apply, funnelOf, newCommunity, newLink, newResident, profileInput, programByCode } from '../testing/bff';
import { residentRequest } from './auth';
import { PENDING_LINK_TTL_MS, readPendingLink } from './firstTouch';
import { getLinkLanding, linkParamOf, openLink } from './links';
import { TOKEN_STORAGE_KEY } from './session';

// Against the real BFF of the Jest run: the figures are the staff funnel's.

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

/** Whatever first needs the resident's token logs them in (H5: a development name this browser keeps). */
const logInByUse = () => residentRequest<MeResponse>({ path: '/api/me' });

beforeEach(() => {
  Taro.clearStorageSync();
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('linkParamOf', () => {
  const id = 'Ab3dE5gH9k';

  it('reads l=<id> from a share card path or the H5 address', () => {
    expect(linkParamOf({ l: id })).toEqual({ kind: 'link', id });
  });

  it('reads the URL-encoded scene of a mini-program code', () => {
    expect(linkParamOf({ scene: encodeURIComponent(`l=${id}`) })).toEqual({ kind: 'link', id });
    expect(linkParamOf({ scene: encodeURIComponent(`x=1&l=${id}`) })).toEqual({ kind: 'link', id });
  });

  it('says there is no link when neither is given', () => {
    expect(linkParamOf({})).toEqual({ kind: 'none' });
    expect(linkParamOf({ scene: '' })).toEqual({ kind: 'none' });
  });

  it('refuses ids the shared schema refuses, and scenes that do not decode', () => {
    for (const l of ['', 'short', 'Ab3dE5gH9k1', 'Ab3dE5gH9-', '../../api']) expect(linkParamOf({ l })).toEqual({ kind: 'invalid' });
    expect(linkParamOf({ scene: 'l%3Dshort' })).toEqual({ kind: 'invalid' });
    expect(linkParamOf({ scene: '%E0%A4%A' })).toEqual({ kind: 'invalid' });
  });
});

describe('getLinkLanding', () => {
  it('answers the community and the programme of a link', async () => {
    const community = await newCommunity();
    const program = await programByCode('park-chunjiang');
    const link = await newLink(community.code, { programId: program.id });

    await expect(getLinkLanding(link.id)).resolves.toEqual({
      id: link.id,
      community: { code: community.code, name: community.name, street: '铁心桥街道' },
      allPrograms: false,
      programs: [{ id: program.id, kind: 'stall', title: program.title, summary: program.summary, open: true }],
    });
  });

  it('answers 404 for an unknown link', async () => {
    await expect(getLinkLanding('ZZZZZZZZZZ')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});

describe('openLink', () => {
  it('counts an anonymous open and remembers the link, attributing no one yet', async () => {
    const link = await newLink((await newCommunity()).code);

    await openLink(link.id);

    expect(await funnelOf(link)).toMatchObject({ opens: 1, newResidents: 0 });
    expect(readPendingLink()).toEqual({ id: link.id, openedAt: expect.any(Number) });
    expect(Taro.getStorageSync(TOKEN_STORAGE_KEY)).toBe('');
  });

  it('attributes the resident when they log in, without counting the open twice, and their application carries it', async () => {
    const program = await programByCode('park-chunjiang');
    const link = await newLink((await newCommunity()).code, { programId: program.id });
    await openLink(link.id);

    await logInByUse();

    expect(await funnelOf(link)).toMatchObject({ opens: 1, newResidents: 1, profilesCompleted: 0 });
    expect(readPendingLink()).toBeNull();
    await residentRequest({ method: 'PUT', path: '/api/me', data: { ...profileInput() } });
    await apply({ token: String(Taro.getStorageSync(TOKEN_STORAGE_KEY)), expiresAt: '', profile: null, idNumber: null }, 'park-chunjiang');
    expect(await funnelOf(link)).toEqual({ opens: 1, newResidents: 1, profilesCompleted: 1, applicationsSubmitted: 1, approved: 0 });
  });

  it('keeps the link through a restart and attributes at a login days later', async () => {
    const link = await newLink((await newCommunity()).code);
    await openLink(link.id, daysAgo(12));
    // A restart: the modules start afresh; only the phone's storage is kept.
    jest.resetModules();
    const auth = await import('./auth');

    await auth.residentRequest<MeResponse>({ path: '/api/me' });

    expect(await funnelOf(link)).toMatchObject({ opens: 1, newResidents: 1 });
  });

  it(`forgets a link opened more than ${PENDING_LINK_TTL_MS / DAY_MS} days before the login`, async () => {
    const link = await newLink((await newCommunity()).code);
    await openLink(link.id, daysAgo(31));

    await logInByUse();

    expect(await funnelOf(link)).toMatchObject({ opens: 1, newResidents: 0 });
    expect(Taro.getStorageSync('minsheng.pendingLink')).toBe('');
  });

  it('lets the first of two links opened before login win', async () => {
    const community = (await newCommunity()).code;
    const first = await newLink(community);
    const second = await newLink(community);
    await openLink(first.id);
    await openLink(second.id);

    await logInByUse();

    expect(await funnelOf(first)).toMatchObject({ opens: 1, newResidents: 1 });
    expect(await funnelOf(second)).toMatchObject({ opens: 1, newResidents: 0 });
  });

  it('attributes a logged-in resident at once, and never moves their first touch to a later link', async () => {
    const community = (await newCommunity()).code;
    const first = await newLink(community);
    const second = await newLink(community, { by: 'admin' });
    actAs(await newResident());

    await openLink(first.id);
    expect(await funnelOf(first)).toMatchObject({ opens: 1, newResidents: 1, profilesCompleted: 1 });

    await openLink(second.id);
    expect(await funnelOf(second)).toMatchObject({ opens: 1, newResidents: 0 });
    expect(await funnelOf(first)).toMatchObject({ opens: 1, newResidents: 1 });
    expect(readPendingLink()).toBeNull();
  });

  it('gives up on a link that no longer exists at login, and still logs in', async () => {
    Taro.setStorageSync('minsheng.pendingLink', { id: 'ZZZZZZZZZZ', openedAt: Date.now() });

    await expect(logInByUse()).resolves.toEqual({ id: expect.any(String), profile: null });

    expect(readPendingLink()).toBeNull();
  });
});
