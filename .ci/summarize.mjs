// Reads the log of `npm test` and prints one closing line, `N passed, M failed`,
// summing every suite the run reached: each Jest run's "Tests:" line (the BFF,
// shared and mini-program suites and the Playwright browser tests, which run
// under Jest), each API fuzzing target's generated requests, and the BFF's
// index-coverage check (each query shape a check: bff/test/query-shapes/).
//
// Usage: node .ci/summarize.mjs <log> <exit status of npm test>
import { readFileSync } from 'node:fs';

const [logPath, statusArg = '0'] = process.argv.slice(2);
if (!logPath) {
  console.error('usage: summarize.mjs <log> <status>');
  process.exit(2);
}
const status = Number(statusArg);
// eslint-disable-next-line no-control-regex
const log = readFileSync(logPath, 'utf8').replace(/\u001b\[[0-9;]*m/g, '');

let passed = 0;
let failed = 0;
const suites = [];

for (const line of log.split('\n')) {
  const jest = /^Tests:\s+(.*\d+ total)\s*$/.exec(line);
  if (jest?.[1]) {
    const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(jest[1])?.[1] ?? 0);
    passed += count('passed');
    failed += count('failed');
    suites.push(`jest: ${jest[1]}`);
    continue;
  }
  const coverage = /^\[index coverage\] (\d+) query shapes, (\d+) not served/.exec(line);
  if (coverage) {
    const shapes = Number(coverage[1]);
    const uncovered = Number(coverage[2]);
    passed += shapes - uncovered;
    failed += uncovered;
    suites.push(`index coverage: ${shapes} query shapes, ${uncovered} without an index`);
    continue;
  }
  const fuzz = /^\[fuzz\] ([\w-]+): \d+ operations, (\d+) requests, (\d+) failures/.exec(line);
  if (fuzz) {
    const requests = Number(fuzz[2]);
    const failures = Number(fuzz[3]);
    passed += requests - failures;
    failed += failures;
    suites.push(`fuzz ${fuzz[1]}: ${requests} requests, ${failures} failures`);
  }
}

for (const suite of suites) console.log(`  ${suite}`);
if (status !== 0 && failed === 0) {
  // A type check, build or bundle check failed: no test counted it, but the run did fail.
  console.log('npm test failed in a step that is not a test suite (type check, lint, build or bundle check); counted as 1 failed');
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
