// Budget of the H5 build's first load: the JavaScript and CSS that index.html
// names (what a phone downloads before the first page can draw), gzipped as a
// server would send them. Page chunks load afterwards and are printed too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(appDir, 'dist', 'h5');
// About 1 s on a slow 4G link (1.6 Mbit/s) and what Lighthouse's mobile run can parse within its performance budget.
const INITIAL_JS_BUDGET = 150 * 1024;

const indexPath = path.join(dist, 'index.html');
if (!existsSync(indexPath)) {
  console.error(`No H5 build at ${dist}: run npm run build:h5 -w @minsheng/miniapp`);
  process.exit(1);
}
const html = readFileSync(indexPath, 'utf8');
const assets = (pattern) => [...html.matchAll(pattern)].map((m) => m[1]).filter((src) => src && !/^https?:/.test(src));
const gz = (file) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const scripts = assets(/<script[^>]*\ssrc="([^"]+)"/g);
const styles = assets(/<link[^>]*href="([^"]+\.css)"/g);
const initialJs = scripts.reduce((sum, s) => sum + gz(s), 0);
const initialCss = styles.reduce((sum, s) => sum + gz(s), 0);
const allJs = readdirSync(path.join(dist, 'js'))
  .filter((f) => f.endsWith('.js'))
  .reduce((sum, f) => sum + gz(path.join('js', f)), 0);

for (const s of scripts) console.log(`h5 initial script ${s}: ${kb(gz(s))} gzip`);
console.log(`h5 initial JS: ${kb(initialJs)} gzip (budget ${kb(INITIAL_JS_BUDGET)}); initial CSS: ${kb(initialCss)} gzip`);
console.log(`h5 all JS chunks: ${kb(allJs)} gzip (loaded page by page)`);
const report = { initialJsGzip: initialJs, initialCssGzip: initialCss, allJsGzip: allJs, budget: INITIAL_JS_BUDGET, scripts };
if (process.argv.includes('--json')) console.log(JSON.stringify(report));
if (initialJs > INITIAL_JS_BUDGET) {
  console.error(`h5 check failed: initial JS ${kb(initialJs)} gzip is over ${kb(INITIAL_JS_BUDGET)}`);
  process.exit(1);
}
console.log('h5 check passed: initial JS within budget.');
