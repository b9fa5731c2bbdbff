import type { Browser } from 'playwright-core';
import { appUrl, launchBrowser, phoneContext, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('the H5 build in a phone-sized Chromium', () => {
  it('shows the four services on the home page', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(appUrl());
    for (const label of ['创业园摊位', '创业担保贷款', '职业培训名额', '就业补贴']) {
      await page.getByText(label, { exact: false }).first().waitFor({ timeout: 30_000 });
    }
    await screenshot(page, 'home');
    await context.close();
  });

  it('reaches the BFF through the same origin', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(appUrl());
    const status = await page.evaluate(async () => (await fetch('/api/programs')).status);
    expect(status).toBe(200);
    await context.close();
  });
});
