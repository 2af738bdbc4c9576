// Lint: TypeScript (type-aware where it matters), Lit and web-component rules, zero warnings.
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

export default tseslint.config(
  { ignores: ['dist/**', 'docs/api/**', 'node_modules/**', 'coverage/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  wc.configs['flat/recommended'],
  lit.configs['flat/recommended'],
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tests and fakes may reach into internals and poke at the DOM.
    files: ['test/**/*.ts'],
    rules: { 'wc/guard-super-call': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
