/**
 * Tests of the weapp build itself (dist/weapp), run in a WeChat-like runtime
 * under Node (weapp-test/runtime.ts) against a real BFF process with its own
 * database and WeChat stand-in.
 */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/weapp-test/**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  globalSetup: '<rootDir>/weapp-test/global-setup.ts',
  globalTeardown: '<rootDir>/weapp-test/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 60000,
};
