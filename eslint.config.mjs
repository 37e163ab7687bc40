// ESLint for the TypeScript the project writes: the Taro client and its build config, the shared domain, the
// server. `npm run lint`; `npm test` runs it too. The rules are the recommended sets without type information
// (type-aware linting would parse the three projects twice more; `tsc` already runs on each of them).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**'],
  },
  {
    files: ['client/**/*.{ts,tsx}', 'config/**/*.ts', 'domain/src/**/*.ts', 'server/src/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      // TypeScript resolves names itself; the core rule does not know type-only globals (NodeJS, JSX, Taro's).
      'no-undef': 'off',
      // An explicit `any` here marks a boundary typed elsewhere or not at all: Fastify plugin registration and raw
      // request/reply objects, driver error shapes (`err.driverError.code`), TypeORM partial updates, the test
      // stand-ins for Taro. The accidental kind is refused by `tsc` (strict, noImplicitAny) on every project.
      '@typescript-eslint/no-explicit-any': 'off',
      // `_name` marks a parameter a signature needs but the body does not (NestJS hooks, Taro callbacks).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // An error, not a warning: a missing dependency is a stale closure (a page showing the previous record), and a
      // warning nobody reads keeps it. Where a hook means to run once, it says so with a disable comment and why.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['server/src/**/*.ts', 'config/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['client/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    extends: [js.configs.recommended],
  },
)
