import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import lianxin from './tools/eslint/lianxin-plugin.js';

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
);
