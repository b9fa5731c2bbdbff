import { linkH5Url, type FunnelResponse, type Link, type Program } from '@minsheng/shared';
import { idNumberCheckChar } from '@minsheng/shared/validators';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhone, residentUrl } from './browser';
import { api, staffToken } from './bff';
import { applyForStall, fillProfile, startApplying } from './flows';
import { front, openTab, see, snap, storyStep, tap, text } from './screen';

/**
 * A resident who comes through an officer's sign-up link, on the H5 build:
 * the invitation, the profile and an application, and the officer's funnel
 * counting each step for that link.
 */

const RUN = Date.now().toString(36);
const COMMUNITY = { code: `e${RUN}`.slice(0, 12), name: `落地社区${RUN.slice(-4)}` };
const OFFICER = { username: `officer-${RUN}`, password: 'e2e-officer-password' };
const RESIDENT = `landing-${RUN}`;
const PARK = '春江新城创业大市场摊位';
// Born 7 March 1990 in Yuhuatai; a sequence of its own so it never meets the journey's resident.
const FIRST_17 = `32011419900307${String(100 + (Date.now() % 800)).padStart(3, '0')}`;

let browser: Browser;
let page: Page;
let officerToken = '';
let link: Link;

async function linkFigures(): Promise<Omit<FunnelResponse['links'][number], 'linkId' | 'programId' | 'programTitle'> | undefined> {
  const funnel = await api<FunnelResponse>(`/api/admin/links/funnel?community=${COMMUNITY.code}`, { token: officerToken });
  const row = funnel.links.find((l) => l.linkId === link.id);
  if (!row) return undefined;
  const { opens, newResidents, profilesCompleted, applicationsSubmitted, approved } = row;
  return { opens, newResidents, profilesCompleted, applicationsSubmitted, approved };
}

beforeAll(async () => {
  const admin = await staffToken();
  await api('/api/admin/communities', { method: 'POST', token: admin, body: { ...COMMUNITY, street: '铁心桥街道', type: 'village' } });
  await api('/api/admin/staff', {
    method: 'POST',
    token: admin,
    body: { ...OFFICER, name: '王站长', role: 'officer', communities: [COMMUNITY.code] },
  });
  officerToken = await staffToken(OFFICER);
  const { items } = await api<{ items: Program[] }>('/api/programs');
  const park = items.find((p) => p.title === PARK);
  if (!park) throw new Error(`no ${PARK} in the catalog`);
  link = await api<Link>('/api/admin/links', {
    method: 'POST',
    token: officerToken,
    body: { community: COMMUNITY.code, programId: park.id },
  });

  browser = await launchBrowser();
  page = await newPhone(browser);
});

afterAll(async () => {
  await browser?.close();
});

/** An `it` that runs only while every earlier step passed, and photographs the screen when it fails. */
const step = storyStep('landing', () => ({ resident: page }));

describe('a resident opens an officer’s sign-up link in a fresh browser and applies', () => {
  step('shows the community’s invitation and the programme above the services', async () => {
    // The H5 address of the link, as the officer's screens give it; ?dev= names the resident for the stand-in.
    expect(link.h5Url).toBe(linkH5Url(link.id));
    await page.goto(residentUrl(RESIDENT, link.h5Url.slice(link.h5Url.indexOf('#') + 1)));

    const banner = front(page).getByRole('region', { name: `${COMMUNITY.name}邀请您申请` });
    await banner.waitFor();
    await banner.getByText(PARK, { exact: true }).waitFor();
    await see(page, '您想办理哪项服务？');
    await snap(page, 'landing');
  });

  step('counts the open and attributes the resident the page logged in, once', async () => {
    // The page counts the open and logs the resident in without waiting for either.
    const deadline = Date.now() + 10_000;
    let figures = await linkFigures();
    while (figures?.newResidents !== 1 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      figures = await linkFigures();
    }
    expect(figures).toEqual({ opens: 1, newResidents: 1, profilesCompleted: 0, applicationsSubmitted: 0, approved: 0 });
  });

  step('takes the real-name profile', async () => {
    await openTab(page, '我的');
    await see(page, '还没有填写，申请前需要填写');
    await text(page, '实名信息').click();
    await fillProfile(page, {
      name: '李秀英',
      idNumber: FIRST_17 + idNumberCheckChar(FIRST_17),
      mobile: '13912340000',
      street: '铁心桥街道',
      community: COMMUNITY.name,
      household: '城镇户籍',
      categories: ['国企下岗职工'],
    });
    await tap(page, '保存');
    await see(page, /^李秀英\s/, false);
  });

  step('applies through the invitation’s button', async () => {
    await openTab(page, '首页');
    await front(page)
      .getByRole('region', { name: `${COMMUNITY.name}邀请您申请` })
      .waitFor();
    await front(page)
      .getByRole('button', { name: `查看并申请：${PARK}` })
      .click();

    await startApplying(page);
    await applyForStall(page, { category: '百货', plan: '在园区卖日用百货，自己经营。' });
  });

  step('shows the officer 1 open, 1 new resident, 1 profile and 1 application for the link', async () => {
    // Applications count for a link by the attribution they carry, so the application carries this link.
    await expect(linkFigures()).resolves.toEqual({
      opens: 1,
      newResidents: 1,
      profilesCompleted: 1,
      applicationsSubmitted: 1,
      approved: 0,
    });
    const funnel = await api<FunnelResponse>(`/api/admin/links/funnel?community=${COMMUNITY.code}`, { token: officerToken });
    expect(funnel.totals).toMatchObject({ opens: 1, newResidents: 1, profilesCompleted: 1, applicationsSubmitted: 1 });
  });
});
