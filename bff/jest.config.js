/**
 * HTTP and unit tests of the BFF against the real database engine: the tests
 * beside the modules (src/) and the test-only suites (test/security,
 * test/reliability), all on the kit in test/kit.
 */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // jose is ESM-only: let swc turn it into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // Records each query's shape for the index-coverage check in the teardown.
  setupFilesAfterEnv: ['<rootDir>/test/query-shapes/record.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
};
