import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import lianxin from './tools/eslint/lianxin-plugin.js';
import jestPlugin from 'eslint-plugin-jest';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.lianxin/**', '**/migrations/Migration*.ts', 'deploy/**', 'libs/client/src/generated/**', 'tmp/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // ARCHITECTURE.md: apps import libs; libs never import apps; a service never imports another service.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
          ],
        },
      ],
      // NATS only through libs/events.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nats-io/*'], message: 'Talk to NATS through @lianxin/events.' }] },
      ],
    },
  },
  {
    // Every @Query/@Mutation/@Subscription states its roles (@Roles) or @Public() (tools/eslint/lianxin-plugin.js).
    files: ['services/**/*.ts', 'gateway/**/*.ts'],
    plugins: { lianxin },
    rules: { 'lianxin/resolver-roles': 'error' },
  },
  {
    files: ['libs/events/**/*.ts', 'libs/testing/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Test guardrails: nothing focused or skipped lands, and every test asserts something (expect, or a
    // helper whose name says it asserts: expect*/assert*/refuse*).
    files: ['**/*.spec.ts', '**/*.test.ts', '**/test/**/*.ts'],
    plugins: { jest: jestPlugin },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/no-identical-title': 'error',
      'jest/valid-expect': 'error',
      'jest/no-conditional-expect': 'off',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'assert*', 'refuse*', '*.expect*', 'waitFor'] }],
    },
  },
);
