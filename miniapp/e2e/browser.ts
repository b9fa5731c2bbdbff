import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from './stack';

/** Screenshots for a person to look at; git-ignored. */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'artifacts', 'screenshots');

const { CHROMIUM_PATH, CHROMIUM_FLAGS } = require(path.join(REPO_ROOT, 'scripts', 'chromium.cjs')) as {
  CHROMIUM_PATH: string;
  CHROMIUM_FLAGS: string[];
};

/** Debian's Chromium, headless, launched as scripts/chromium.cjs says (the bench's Lighthouse run launches it so too). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/** A phone: 390×844 CSS pixels, touch, Chinese locale. */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

/** A phone of its own (a context: its own storage, so its own login and elder-mode setting) with one page open. */
export async function newPhone(browser: Browser, timeoutMs = 15_000): Promise<Page> {
  const page = await (await phoneContext(browser)).newPage();
  page.setDefaultTimeout(timeoutMs);
  return page;
}

export function appUrl(hashPath = '/pages/index/index'): string {
  const base = process.env.E2E_APP_URL;
  if (!base) throw new Error('the e2e global setup did not start the stack');
  return `${base}/#${hashPath}`;
}

/** The address of a screen opened as the resident `name`: `?dev=` (before the `#`) picks the H5 build's development identity. */
export function residentUrl(name: string, hashPath = '/pages/index/index'): string {
  const url = new URL(appUrl(hashPath));
  url.search = `?dev=${name}`;
  return url.toString();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
