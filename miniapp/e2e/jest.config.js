/**
 * Browser tests of the H5 build: a real BFF process (with its own database and
 * WeChat stand-in), the built H5 app served with /api passed through, and
 * Debian's Chromium driven by playwright-core on a phone-sized viewport.
 */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  globalSetup: '<rootDir>/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/e2e/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 120000,
};
