import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';

// What the browser tests see and tap on the H5 build's screens, and how a story's steps are told.
// The journeys made of these are flows.ts; calls straight to the BFF are bff.ts.

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
