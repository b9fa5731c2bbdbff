// Compiles the weapp build with WeChat's own compilers: every WXML with its
// .wxs by wcc, every WXSS by wcsc. Any error they report fails the run.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { compileWxml, compileWxss } = require('./wechat-compilers.cjs');

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'weapp');
if (!existsSync(path.join(dist, 'app.json'))) {
  console.error(`No weapp build at ${dist}: run npm run build:weapp -w @minsheng/miniapp`);
  process.exit(1);
}

const wxml = compileWxml(dist);
const wxss = compileWxss(dist);
const failures = [];
if (!wxml.ok) failures.push(`wcc (status ${wxml.status}):\n${wxml.errors}`);
if (!wxss.ok) failures.push(`wcsc (status ${wxss.status}):\n${wxss.errors}`);
if (failures.length > 0) {
  console.error(`WeChat's compilers refused the weapp build:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(
  `wcc compiled ${wxml.templates.length} WXML and ${wxml.modules.length} WXS files; wcsc compiled ${wxss.styles.length} WXSS files (${wxss.pages.length} of pages and components): no errors.`,
);
