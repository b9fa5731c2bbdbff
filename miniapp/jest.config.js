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
]

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  setupFiles: ['<rootDir>/test/env.js'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/taro.js',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '\\.(css|scss)$': '<rootDir>/test/style.js',
  },
  transform: { '^.+\\.(m?js|jsx|tsx?)$': 'babel-jest' },
  // Ignore node_modules except those packages, wherever they nest their own dependencies.
  transformIgnorePatterns: [`^(?!.*/node_modules/(${esModules.join('|')})/).*/node_modules/`],
  globals: {
    // Replaced at build time by config/index.ts; tests that call the BFF point it at their own server.
    API_BASE_URL: 'http://127.0.0.1:3000',
    // Defined by Taro's H5 build for @tarojs/components.
    DEPRECATED_ADAPTER_COMPONENT: false,
  },
}
