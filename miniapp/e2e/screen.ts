import { deflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';

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

/** Taps a material's button; Taro.chooseImage opens a file input in H5, which gets a PNG. Answers the file's name. */
export async function uploadMaterial(page: Page, label: string): Promise<string> {
  const item = front(page).locator('.material').filter({ has: page.getByText(label, { exact: true }) });
  uploads += 1;
  const name = `material-${uploads}.png`;
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), item.locator('taro-button-core').click()]);
  await chooser.setFiles({ name, mimeType: 'image/png', buffer: png(uploads) });
  await item.getByText(`✓ 已上传：${name}`).waitFor();
  return name;
}

/** Waits until one page is shown and its slide-in animation is over. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const shown = [...document.querySelectorAll('.taro_page')].filter((el) => getComputedStyle(el).display !== 'none');
    return shown.length === 1 && shown[0]?.classList.contains('taro_page_stationed');
  });
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
