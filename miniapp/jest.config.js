// ES-module packages that Jest must compile along with ours.
const esModules = ['@tarojs', 'lodash-es', 'query-string', 'decode-uri-component', 'split-on-first', 'filter-obj']

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  setupFiles: ['<rootDir>/test/env.js'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/taro.ts',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '\\.(css|scss)$': '<rootDir>/test/style.js',
  },
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  transformIgnorePatterns: [`/node_modules/(?!(${esModules.join('|')})/)`],
  globals: {
    // Replaced at build time by config/index.ts; tests that call the BFF point it at their own server.
    API_BASE_URL: 'http://127.0.0.1:3000',
  },
}
