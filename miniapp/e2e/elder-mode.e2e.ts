import type { Application, Program, ProgramKind } from '@minsheng/shared';
import { loginResident, ok, postApplication, uploadMaterial } from '@minsheng/bff/test/kit/client';
import { eligibleProfile, FORMS } from '@minsheng/bff/test/kit/factories';
import type { Browser, Page } from 'playwright-core';
import { appUrl, launchBrowser, newPhone, residentUrl } from './browser';
import { api } from './bff';
import { staffLogin } from './flows';
import { front, see, snap, storyStep, tap, text } from './screen';

/**
 * Elder mode on every screen a resident and a reviewer use, on the H5 build:
 * each screen's text measured at the normal size, then again once elder mode
 * is switched on (a setting of the phone), must have grown by a fifth at least.
 */

const RUN = Date.now().toString(36);
const RESIDENT = `elder-${RUN}`;
const KINDS: readonly ProgramKind[] = ['stall', 'loan', 'training', 'subsidy'];
const LOGIN = '/packages/staff/pages/login/index';

/** A screen to measure: where it is, and a text on it whose size elder mode must enlarge. */
interface Screen {
  name: string;
  who: 'resident' | 'reviewer';
  path: string;
  selector: string;
}

let browser: Browser;
let resident: Page;
let reviewer: Page;
let screens: Screen[] = [];
const normalSize = new Map<string, number>();

const step = storyStep('elder-mode', () => ({ resident, reviewer }));

async function fontSizeOf(page: Page, selector: string): Promise<number> {
  const element = front(page).locator(selector).filter({ visible: true }).first();
  await element.waitFor();
  return element.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
}

async function open(page: Page, screen: Screen): Promise<void> {
  // From a blank page, so the screen is built afresh with the phone's setting.
  await page.goto('about:blank');
  await page.goto(screen.who === 'resident' ? residentUrl(RESIDENT, screen.path) : appUrl(screen.path));
}

/** The screens of one phone, the staff login last: it sends a logged-in reviewer on to the queue. */
function screensOf(who: Screen['who']): Screen[] {
  const isLogin = (s: Screen) => s.path === LOGIN;
  return screens.filter((s) => s.who === who).sort((a, b) => Number(isLogin(a)) - Number(isLogin(b)));
}

beforeAll(async () => {
  const bffUrl = process.env.E2E_BFF_URL;
  if (!bffUrl) throw new Error('the e2e global setup did not start the stack');
  // The resident the H5 build logs in as ?dev=RESIDENT, with a profile every programme accepts and one application.
  const applicant = await loginResident(bffUrl, { name: RESIDENT, profile: eligibleProfile() });
  const { items: programs } = await api<{ items: Program[] }>('/api/programs');
  const byKind = (kind: ProgramKind) => {
    const program = programs.find((p) => p.kind === kind && p.acceptingNow);
    if (!program) throw new Error(`no open ${kind} programme in the catalog`);
    return program;
  };
  const stall = byKind('stall');
  const materialIds: string[] = [];
  for (const m of stall.materials.filter((r) => r.required)) materialIds.push(await uploadMaterial(applicant, m.code));
  const application = await ok<Application>(postApplication(applicant, { programId: stall.id, form: FORMS.stall, materialIds }));

  screens = [
    { name: 'home', who: 'resident', path: '/pages/index/index', selector: '.page__title' },
    { name: 'me', who: 'resident', path: '/pages/me/index', selector: '.page__title' },
    { name: 'profile', who: 'resident', path: '/packages/apply/pages/profile/index', selector: '.field__label' },
    ...KINDS.flatMap((kind): Screen[] => [
      { name: `programs-${kind}`, who: 'resident', path: `/pages/programs/index?kind=${kind}`, selector: '.page__title' },
      {
        name: `program-${kind}`,
        who: 'resident',
        path: `/packages/apply/pages/program/index?id=${byKind(kind).id}`,
        selector: '.page__title',
      },
      {
        name: `apply-${kind}`,
        who: 'resident',
        path: `/packages/apply/pages/apply/index?programId=${byKind(kind).id}`,
        selector: '.field__label',
      },
    ]),
    { name: 'applications', who: 'resident', path: '/packages/apply/pages/applications/index', selector: '.page__title' },
    {
      name: 'application',
      who: 'resident',
      path: `/packages/apply/pages/application/index?id=${application.id}`,
      selector: '.page__title',
    },
    { name: 'staff-login', who: 'reviewer', path: LOGIN, selector: '.page__title' },
    { name: 'staff-queue', who: 'reviewer', path: '/packages/staff/pages/queue/index', selector: '.page__title' },
    { name: 'staff-detail', who: 'reviewer', path: `/packages/staff/pages/detail/index?id=${application.id}`, selector: '.section__title' },
  ];

  browser = await launchBrowser();
  resident = await newPhone(browser);
  reviewer = await newPhone(browser);
});

afterAll(async () => {
  await browser?.close();
});

describe('elder mode enlarges the text of every screen, on a phone-sized H5 build', () => {
  step('measures each screen at the normal size', async () => {
    for (const screen of screensOf('resident')) {
      await open(resident, screen);
      normalSize.set(screen.name, await fontSizeOf(resident, screen.selector));
      await snap(resident, `elder-${screen.name}-normal`);
    }
    // The login screen first, then logged in for the others.
    const [login, ...staffScreens] = screensOf('reviewer').reverse();
    if (!login) throw new Error('no staff login screen to measure');
    await open(reviewer, login);
    normalSize.set(login.name, await fontSizeOf(reviewer, login.selector));
    await staffLogin(reviewer);
    for (const screen of staffScreens) {
      await open(reviewer, screen);
      normalSize.set(screen.name, await fontSizeOf(reviewer, screen.selector));
    }
    expect(normalSize.size).toBe(screens.length);
  });

  step('switches elder mode on from the home page, on each phone', async () => {
    for (const [page, url] of [
      [resident, residentUrl(RESIDENT)],
      [reviewer, appUrl()],
    ] as const) {
      await page.goto(url);
      await text(page, '字太小？切换为长辈模式（大字）').click();
      await see(page, '切换为标准字体');
      await expect(front(page).locator('.page.page--elder').count()).resolves.toBe(1);
    }
  });

  step('shows every screen in elder mode, its text at least 1.2 times the normal size', async () => {
    const measured: { screen: string; ratio: number }[] = [];
    for (const [who, page] of [
      ['resident', resident],
      ['reviewer', reviewer],
    ] as const) {
      for (const screen of screensOf(who)) {
        if (screen.path === LOGIN) {
          await page.goto(appUrl('/packages/staff/pages/queue/index'));
          await tap(page, '退出登录');
          await see(page, '工作人员登录');
        } else {
          await open(page, screen);
        }
        await front(page).locator(screen.selector).filter({ visible: true }).first().waitFor();
        await expect(front(page).locator('.page.page--elder').count()).resolves.toBe(1);
        const elder = await fontSizeOf(page, screen.selector);
        measured.push({ screen: screen.name, ratio: Math.round((elder / (normalSize.get(screen.name) ?? elder)) * 100) / 100 });
        await snap(page, `elder-${screen.name}-elder`);
      }
    }
    expect(measured.length).toBe(screens.length);
    expect(measured.filter((m) => m.ratio < 1.2)).toEqual([]);
  });
});
