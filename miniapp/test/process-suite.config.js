/**
 * The Jest settings shared by the suites that drive a build against a real BFF
 * process (e2e/ in Chromium, weapp-test/ in a WeChat-like runtime): Node,
 * one worker (one stack each), the suite's own global setup and teardown.
 * @param {{ dir: string; match: string; testTimeout: number }} suite
 * @returns {import('jest').Config}
 */
module.exports = function processSuiteConfig({ dir, match, testTimeout }) {
  return {
    rootDir: '..',
    testEnvironment: 'node',
    testMatch: [`<rootDir>/${dir}/**/${match}`],
    transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
    globalSetup: `<rootDir>/${dir}/global-setup.ts`,
    globalTeardown: `<rootDir>/${dir}/global-teardown.ts`,
    maxWorkers: 1,
    testTimeout,
  };
};
