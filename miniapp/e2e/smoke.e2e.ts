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

  it('serves the page with its security headers and runs it with no Content-Security-Policy violation', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const answer = await page.goto(appUrl());
    const headers = answer?.headers() ?? {};
    expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    await page.getByText('创业园摊位', { exact: false }).first().waitFor({ timeout: 30_000 });
    expect(violations).toEqual([]);
    // An inline script the page did not ship is refused, and reported.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.head.appendChild(s);
    });
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    const reported = () => violations.some((v) => /script-src/.test(v));
    for (const deadline = Date.now() + 10_000; !reported() && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 50));
    expect(reported()).toBe(true);
    await context.close();
  });

  it('cannot be framed by another page', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    // Chromium replaces a frame refused by frame-ancestors with its error page.
    const refused = page.waitForEvent('framenavigated', {
      predicate: (f) => f.parentFrame() !== null && f.url().startsWith('chrome-error:'),
      timeout: 30_000,
    });
    await page.setContent(`<iframe src="${appUrl()}" width="300" height="300"></iframe>`);
    const frame = await refused;
    expect(await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '')).not.toContain('创业园摊位');
    await context.close();
  });
});
