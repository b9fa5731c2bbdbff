// Lint rules that hold the house style (docs/ARCHITECTURE.md): TypeScript's
// recommended set, no import cycles, module boundaries in the BFF, and the
// environment read in one file only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '.data/**', 'artifacts/**', 'docs/**', 'tools/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  importX.flatConfigs.typescript,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['shared/tsconfig.json', 'bff/tsconfig.json', 'miniapp/tsconfig.json', 'bench/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
    },
  },
  {
    files: ['**/*.cjs', 'miniapp/test/*.js', 'miniapp/**/jest.config.js', 'miniapp/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Only config.ts reads the environment (STYLE.md, habit 4).
    files: ['bff/src/**/*.ts', 'shared/src/**/*.ts'],
    ignores: ['bff/src/config.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through bff/src/config.ts.' },
      ],
    },
  },
  {
    // The test kit (bff/test/kit) is for tests, benchmarks and the fuzzer: product code never imports it.
    files: ['bff/src/**/*.ts', 'miniapp/src/**/*.{ts,tsx}', 'shared/src/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}', '**/test-data.ts', 'miniapp/src/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)test/kit(/|$)', message: 'The test kit is for tests only.' }] }],
    },
  },
  {
    // shared/ is compiled into the mini-program and the BFF: no server or Taro code in it.
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['mongoose', 'koa', '@koa/*', '@tarojs/*', 'node:*'], message: 'shared/ holds schemas and pure rules only.' },
          ],
        },
      ],
    },
  },
  {
    // A BFF module uses another module through its service, never through its model.
    // Types may be shared; values (the mongoose models themselves) may not.
    files: ['bff/src/modules/**/*.ts'],
    ignores: ['bff/src/modules/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^\\.\\./[^/]+/model$', allowTypeImports: true, message: "Use the other module's service, not its model." }],
        },
      ],
    },
  },
);
