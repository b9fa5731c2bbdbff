// Parses every .js of the weapp build at the syntax floor (README: "The weapp's
// syntax floor") and fails on anything newer. WeChat runs these files as they
// are (project.config.json's transpiling is a DevTools setting, not a
// guarantee), and on an engine older than the syntax a file that fails to
// parse leaves its whole package unopenable.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'acorn';

const require = createRequire(import.meta.url);
const { filesOf } = require('./wechat-compilers.cjs');

/** ES2017: all that iOS 12's JavaScriptCore runs (it lacks ES2018's regex lookbehind). */
const ECMA_FLOOR = 2017;
const NEWER = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'weapp');
const scripts = filesOf(dist, '.js');
if (scripts.length === 0) {
  console.error(`No weapp build at ${dist}: run npm run build:weapp -w @minsheng/miniapp`);
  process.exit(1);
}

const problems = [];
for (const file of scripts) {
  const source = readFileSync(path.join(dist, file), 'utf8');
  try {
    parse(source, { ecmaVersion: ECMA_FLOOR, sourceType: 'script', locations: true });
  } catch (error) {
    const { line, column } = error.loc ?? { line: 0, column: 0 };
    const at = source.split('\n')[line - 1] ?? '';
    const excerpt = at.slice(Math.max(0, column - 40), column + 30);
    const accepted = NEWER.find((version) => {
      try {
        parse(source, { ecmaVersion: version, sourceType: 'script' });
        return true;
      } catch {
        return false;
      }
    });
    const why = accepted ? `ES${accepted} syntax` : 'not JavaScript at any version';
    problems.push(`${file}:${line}:${column + 1}: ${why} (${error.message}) near: ${excerpt}`);
  }
}

if (problems.length > 0) {
  console.error(
    `weapp syntax check failed: ${problems.length} of ${scripts.length} files are above ES${ECMA_FLOOR}:\n- ${problems.join('\n- ')}`,
  );
  process.exit(1);
}
console.log(`weapp syntax check passed: all ${scripts.length} .js files parse as ES${ECMA_FLOOR}.`);
