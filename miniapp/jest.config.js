// ES-module packages that Jest must compile along with ours.
const esModules = [
  '@tarojs',
  '@stencil',
  'nanoid',
  'swiper',
  'lodash-es',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
];

/**
 * Component and service tests run against the real stack: one BFF process
 * (with its own database and WeChat stand-in) for the whole run, behind an H5
 * server whose origin jsdom's page takes (test/environment.js).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: '<rootDir>/test/environment.js',
  roots: ['<rootDir>/src'],
  setupFiles: ['<rootDir>/test/env.js'],
  setupFilesAfterEnv: ['<rootDir>/test/testing-library.js'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/taro.js',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '\\.(css|scss)$': '<rootDir>/test/style.js',
    // jsdom's browser conditions pick uuid's ES-module build, which Jest cannot load; exceljs (reading an export back) needs it.
    '^uuid$': require.resolve('uuid'),
  },
  transform: { '^.+\\.(m?js|jsx|tsx?)$': 'babel-jest' },
  // Ignore node_modules except those packages, wherever they nest their own dependencies.
  transformIgnorePatterns: [`^(?!.*/node_modules/(${esModules.join('|')})/).*/node_modules/`],
  // Tests that go offline wait out the request helper's retries (0.5 s + 1 s).
  testTimeout: 20000,
  globals: {
    // Replaced at build time by config/index.ts; test/environment.js sets it to the stack's address.
    API_BASE_URL: '',
    // Defined by Taro's H5 build for @tarojs/components.
    DEPRECATED_ADAPTER_COMPONENT: false,
  },
};
