import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const forbiddenInCore = {
  paths: ['electron', 'react', 'react-dom', '@xyflow/react', 'fs', 'fs/promises', 'node:fs', 'node:fs/promises', 'ws'],
  patterns: [
    { group: ['**/renderer/**', '**/electron/**'], message: 'core/ knows no framework and no host (shared/style.md).' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', '.scratch*/', '.seqwire-tmp/', '**/*.tmp.*', 'dist/', 'out/', 'release/', 'test-results/', 'playwright-report/', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', forbiddenInCore] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron'],
        patterns: [{ group: ['**/electron/**'], message: 'the renderer reaches the main side only through core/api.' }],
      }],
    },
  },
);
