// Lighthouse (mobile preset, Debian's Chromium) on pages of the H5 build served
// by scripts/h5-server.cjs with /api passed to a running BFF. ESM because
// Lighthouse is; run as its own process by the bench:
//   node bench/src/lighthouse.mjs <bffUrl> <label>=<hash route> ...
// Prints one JSON line: [{ label, url, performance, accessibility, audits }].
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { startH5Server } = require(path.join(root, 'scripts', 'h5-server.cjs'));
const { CHROMIUM_PATH, CHROMIUM_FLAGS } = require(path.join(root, 'scripts', 'chromium.cjs'));

const [bffUrl, ...pages] = process.argv.slice(2);
const h5 = await startH5Server({ dir: path.join(root, 'miniapp', 'dist', 'h5'), port: 0, host: '127.0.0.1', apiTarget: bffUrl });
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_FLAGS });
const results = [];
try {
  for (const page of pages) {
    const cut = page.indexOf('=');
    const label = page.slice(0, cut);
    const route = page.slice(cut + 1);
    const url = `${h5.url}/${route}`;
    const runner = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    const lhr = runner?.lhr;
    if (!lhr) throw new Error(`no Lighthouse result for ${url}`);
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable')
      .map((a) => ({
        id: a.id,
        score: a.score,
        value: a.displayValue ?? '',
        // The first offending elements or resources, to find out why.
        items: (a.details?.items ?? []).slice(0, 3).map((item) => item.node?.snippet ?? item.url ?? item.label ?? ''),
      }));
    results.push({
      label,
      url: route,
      // null when Lighthouse could not score the page (runtimeError says why).
      performance: lhr.categories.performance?.score == null ? null : Math.round(lhr.categories.performance.score * 100),
      accessibility: lhr.categories.accessibility?.score == null ? null : Math.round(lhr.categories.accessibility.score * 100),
      runtimeError: lhr.runtimeError?.message,
      fcp: lhr.audits['first-contentful-paint']?.displayValue,
      lcp: lhr.audits['largest-contentful-paint']?.displayValue,
      tbt: lhr.audits['total-blocking-time']?.displayValue,
      failing,
    });
  }
} finally {
  await chrome.kill();
  await h5.close();
}
console.log(JSON.stringify(results));
