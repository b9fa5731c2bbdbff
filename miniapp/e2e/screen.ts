import { deflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { appUrl, screenshot } from './browser';
import { ADMIN } from './stack';

// What the browser tests do on the H5 build's screens, and their calls straight to the BFF.

/** The Taro page in front: earlier pages of the stack stay in the DOM, hidden. */
export function front(page: Page): Locator {
  return page.locator('.taro_page').filter({ visible: true }).last();
}

export function text(page: Page, words: string | RegExp, exact = true): Locator {
  return front(page).getByText(words, { exact }).filter({ visible: true }).first();
}

export async function see(page: Page, words: string | RegExp, exact = true): Promise<Locator> {
  const found = text(page, words, exact);
  await found.waitFor({ state: 'visible' });
  return found;
}

export function button(page: Page, label: string): Locator {
  return front(page).locator('taro-button-core').filter({ hasText: label, visible: true }).first();
}

export async function tap(page: Page, label: string): Promise<void> {
  await button(page, label).click();
}

export function field(page: Page, placeholder: string): Locator {
  return front(page).locator(`input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`).first();
}

/** Taps a tab of the tab bar. */
export async function openTab(page: Page, label: '首页' | '服务' | '我的'): Promise<void> {
  await page
    .locator('.weui-tabbar__label')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .click();
}

/** The line of 我的 that shows the saved profile: the name and the masked ID number. */
export function profileLine(name: string, maskedId: string): RegExp {
  return new RegExp(`^${name}\\s+${maskedId.replace(/\*/g, '\\*')}$`);
}

/** On a programme's page: asks whether the resident may apply, and starts (第 1 步). */
export async function startApplying(page: Page): Promise<void> {
  await see(page, '谁可以申请');
  await tap(page, '我能申请吗？');
  await see(page, '您符合申请条件');
  await tap(page, '开始申请');
}

/** Logs a staff member in on the staff login screen, ending on the queue. */
export async function staffLogin(page: Page, account: { username: string; password: string } = ADMIN): Promise<void> {
  await page.goto(appUrl('/packages/staff/pages/login/index'));
  await see(page, '工作人员登录');
  await field(page, '请输入用户名').fill(account.username);
  await field(page, '请输入密码').fill(account.password);
  await tap(page, '登录');
  await see(page, '审核队列');
}

/** Taps the queue card of the application numbered `number`. */
export async function openQueueCard(page: Page, number: string): Promise<void> {
  await front(page).locator('.queue-card').filter({ hasText: number }).click();
}

/** A small real PNG: a coloured 96×64 picture, distinct per material. */
function png(seed: number): Buffer {
  const width = 96;
  const height = 64;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) {
      row[1 + x * 3] = (seed * 70 + x * 2) & 0xff;
      row[2 + x * 3] = (seed * 40 + y * 3) & 0xff;
      row[3 + x * 3] = ((x ^ y) * 4) & 0xff;
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

let uploads = 0;

/** Clicks what opens Taro.chooseImage (a file input in H5) and gives it a PNG of its own named `name`. */
export async function choosePhoto(page: Page, opener: Locator, name: string): Promise<void> {
  uploads += 1;
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), opener.click()]);
  await chooser.setFiles({ name, mimeType: 'image/png', buffer: png(uploads) });
}

/** Taps a material's button and gives the picker a PNG. Answers the file's name. */
export async function uploadMaterial(page: Page, label: string): Promise<string> {
  const item = front(page)
    .locator('.material')
    .filter({ has: page.getByText(label, { exact: true }) });
  const name = `material-${uploads + 1}.png`;
  await choosePhoto(page, item.locator('taro-button-core'), name);
  await item.getByText(`✓ 已上传：${name}`).waitFor();
  return name;
}

export interface ProfileFill {
  name: string;
  idNumber: string;
  mobile: string;
  street: string;
  community: string;
  household: '城镇户籍' | '农村户籍';
  categories: string[];
  certificateNo?: string;
}

/** Fills the real-name profile form (the resident's own, or an officer's 登记居民) up to 保存, not tapping it. */
export async function fillProfile(page: Page, profile: ProfileFill): Promise<void> {
  await field(page, '与身份证上一致').fill(profile.name);
  await field(page, '请输入 18 位身份证号').fill(profile.idNumber);
  await see(page, '号码格式正确');
  await field(page, '11 位手机号').fill(profile.mobile);
  await text(page, profile.street).click();
  await text(page, profile.community).click();
  await text(page, profile.household).click();
  for (const category of profile.categories) await text(page, category).click();
  if (profile.certificateNo) await field(page, '证件上的编号').fill(profile.certificateNo);
}

/**
 * The three steps of a stall application, from 第 1 步 to 申请已提交, with a photo of the ID card;
 * `applicant` is a name to see on the review step. Answers the application's number.
 */
export async function applyForStall(
  page: Page,
  { category, plan, applicant }: { category: string; plan: string; applicant?: string },
): Promise<string> {
  await see(page, '第 1 步，共 3 步：填写申请');
  await text(page, category).click();
  await field(page, '打算卖什么、怎么经营，简单写几句').fill(plan);
  await tap(page, '下一步：上传材料');
  await uploadMaterial(page, '身份证正反面照片');
  await tap(page, '下一步：核对信息');
  await see(page, '第 3 步，共 3 步：核对并提交');
  if (applicant) await see(page, applicant);
  await tap(page, '确认提交');
  await see(page, '申请已提交');
  return (await front(page).locator('.submitted__number').innerText()).trim();
}

/** Waits until one page is shown and its slide-in animation is over. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const shown = [...document.querySelectorAll('.taro_page')].filter((el) => getComputedStyle(el).display !== 'none');
    return shown.length === 1 && shown[0]?.classList.contains('taro_page_stationed');
  });
}

/** The phone's back gesture: H5 shows no navigation bar, so it is the browser's back. */
export async function goBack(page: Page): Promise<void> {
  await page.goBack();
  await settled(page);
}

/**
 * The `it` of a story told in steps: each runs only while every earlier step passed, and a
 * failing one photographs the pages still open as `FAILED-<name>-<who>.png`.
 */
export function storyStep(name: string, pages: () => Record<string, Page | undefined>): (title: string, body: () => Promise<void>) => void {
  let failed: string | null = null;
  return (title, body) => {
    it(title, async () => {
      if (failed) throw new Error(`not run: "${failed}" failed`);
      try {
        await body();
      } catch (error) {
        failed = title;
        for (const [who, page] of Object.entries(pages())) {
          if (page && !page.isClosed()) await screenshot(page, `FAILED-${name}-${who}`).catch(() => undefined);
        }
        throw error;
      }
    });
  };
}

// The app scrolls inside an absolutely placed page element, not the document: let the document
// grow to the page's length for a whole-page picture (the tab bar then follows the content).
const UNCLIP = `html, body, .taro-tabbar__container, .taro-tabbar__panel, .taro_router, .taro_page {
  height: auto !important; max-height: none !important; overflow: visible !important; }
  .taro_router > .taro_page { position: relative !important; }`;

export async function snap(page: Page, name: string): Promise<void> {
  await settled(page);
  const style = await page.addStyleTag({ content: UNCLIP });
  await screenshot(page, name);
  await style.evaluate((el) => el.parentNode?.removeChild(el));
  // A whole-page screenshot of a mobile page leaves Chromium zoomed in a little, which throws later clicks off.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.resetPageScaleFactor');
  await cdp.detach();
}

/** A staff member's token (the administrator's unless given), logged in straight on the BFF. */
export async function staffToken(account: { username: string; password: string } = ADMIN): Promise<string> {
  return (await api<{ token: string }>('/api/admin/login', { method: 'POST', body: account })).token;
}

export async function api<T>(path: string, init: { token?: string; method?: string; body?: unknown } = {}): Promise<T> {
  const base = process.env.E2E_BFF_URL;
  if (!base) throw new Error('the e2e global setup did not start the stack');
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
