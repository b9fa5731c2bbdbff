import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhone } from './browser';
import { api, staffToken } from './bff';
import { staffLogin } from './flows';
import { front, see, snap, tap } from './screen';

/**
 * An officer of 景明佳园社区 on the H5 build: logs in, makes a sign-up link
 * to all services, sees its code, and sees the link's first open in 来源统计.
 */

const RUN = Date.now().toString(36);
const OFFICER = { username: `e2e-officer-${RUN}`, password: 'e2e-officer-password' };

let browser: Browser;
let page: Page;

beforeAll(async () => {
  await api('/api/admin/staff', {
    method: 'POST',
    token: await staffToken(),
    body: { ...OFFICER, name: '李敏', role: 'officer', communities: ['jmjy'] },
  });
  browser = await launchBrowser();
  page = await newPhone(browser, 20_000);
});
afterAll(() => browser.close());

/** The code image on the front page once it has loaded: Taro's Image draws an <img> inside. */
function codeImage(p: Page) {
  return front(p).locator('[aria-label="“全部服务”的小程序码图片"] img').first();
}

it('lets an officer make a link, see its code and poster buttons, and see its figures', async () => {
  await staffLogin(page, OFFICER);

  await tap(page, '推广链接');
  await see(page, '社区：景明佳园社区');
  await tap(page, '生成链接和小程序码');

  const address = await see(page, /#\/pages\/index\/index\?l=[0-9A-Za-z]{10}$/);
  const linkId = (await address.textContent())?.slice(-10) ?? '';
  await codeImage(page).waitFor({ state: 'visible' });
  expect(await codeImage(page).getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  // The code really drew: an image with its natural size, not a broken one.
  expect(await codeImage(page).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  await see(page, '保存海报图片');
  await see(page, '打印版海报（PDF）');
  await snap(page, 'officer-links-new-link');

  // Someone opens the link (as the landing screen would); the figures show it.
  await api(`/api/links/${linkId}/open`, { method: 'POST' });
  await tap(page, '查看来源统计');
  await see(page, '全部链接合计');
  await see(page, `链接编号 ${linkId}`);
  const total = front(page).locator('.section').filter({ hasText: '全部链接合计' }).first();
  expect((await total.locator('.bar-chart__row').first().textContent())?.replace(/\s+/g, '')).toMatch(/^打开链接\d+次$/);
  await snap(page, 'officer-links-funnel');
});
