// Checks the weapp build the way WeChat would refuse it: every page listed in
// app.json exists, the staff pages live in a sub-package, the main package and
// each sub-package stay within our budgets, and our source uses no H5-only API.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(appDir, 'dist', 'weapp');
const MAIN_BUDGET = 1024 * 1024; // WeChat allows 2 MB; we keep half of it
const SUB_BUDGET = 2 * 1024 * 1024;
const problems = [];

function sizeOf(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(target).reduce((sum, name) => sum + sizeOf(path.join(target, name)), 0);
}

const appJsonPath = path.join(dist, 'app.json');
if (!existsSync(appJsonPath)) {
  console.error(`No weapp build at ${dist}: run npm run build:weapp -w @minsheng/miniapp`);
  process.exit(1);
}
const appJson = JSON.parse(readFileSync(appJsonPath, 'utf8'));
const subPackages = appJson.subPackages ?? appJson.subpackages ?? [];

const pageExists = (page) => ['.js', '.json', '.wxml'].every((ext) => existsSync(path.join(dist, `${page}${ext}`)));
for (const page of appJson.pages ?? []) {
  if (!pageExists(page)) problems.push(`app.json lists ${page}, which the build lacks`);
  if (page.startsWith('packages/staff')) problems.push(`staff page ${page} is in the main package`);
}
for (const pkg of subPackages) {
  for (const page of pkg.pages ?? []) {
    if (!pageExists(`${pkg.root}/${page}`)) problems.push(`sub-package ${pkg.root} lists ${page}, which the build lacks`);
  }
}
for (const tab of appJson.tabBar?.list ?? []) {
  for (const icon of [tab.iconPath, tab.selectedIconPath].filter(Boolean)) {
    if (!existsSync(path.join(dist, icon))) problems.push(`tab bar icon ${icon} is missing from the build`);
    else if (statSync(path.join(dist, icon)).size > 40 * 1024) problems.push(`tab bar icon ${icon} is over WeChat's 40 KB`);
  }
}
if (!subPackages.some((p) => p.root === 'packages/staff' && (p.pages ?? []).length > 0)) {
  problems.push('the staff pages are not in the packages/staff sub-package');
}

const total = sizeOf(dist);
const subSizes = subPackages.map((p) => ({ root: p.root, bytes: sizeOf(path.join(dist, p.root)) }));
const main = total - subSizes.reduce((sum, s) => sum + s.bytes, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`weapp main package: ${kb(main)} (budget ${kb(MAIN_BUDGET)})`);
if (main > MAIN_BUDGET) problems.push(`main package ${kb(main)} is over ${kb(MAIN_BUDGET)}`);
for (const s of subSizes) {
  console.log(`weapp sub-package ${s.root}: ${kb(s.bytes)} (budget ${kb(SUB_BUDGET)})`);
  if (s.bytes > SUB_BUDGET) problems.push(`sub-package ${s.root} ${kb(s.bytes)} is over ${kb(SUB_BUDGET)}`);
}
console.log(`weapp all packages: ${kb(total)} (WeChat's limit 20 MB)`);

// Browser-only globals: fine in *.h5.ts(x) files, tests and test utilities (src/testing), never in code the weapp build compiles.
const H5_ONLY = /\b(window\.|document\.|localStorage|sessionStorage|XMLHttpRequest|navigator\.|fetch\()/;
function scan(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'testing') scan(full);
      continue;
    }
    if (!/\.(ts|tsx)$/.test(entry.name) || /\.(h5|test)\.tsx?$/.test(entry.name)) continue;
    readFileSync(full, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (H5_ONLY.test(line) && !line.trim().startsWith('//') && !line.trim().startsWith('*')) {
          problems.push(`${path.relative(appDir, full)}:${i + 1} uses an H5-only API: ${line.trim()}`);
        }
      });
  }
}
scan(path.join(appDir, 'src'));

if (problems.length > 0) {
  console.error(`weapp check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('weapp check passed: pages exist, staff pages in a sub-package, sizes within budget, no H5-only API.');
