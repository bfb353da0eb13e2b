import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // `import { type X }` keeps the module as a side-effect import in the build; `import type` drops it.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      'no-console': 'off',
    },
  },
  {
    // Storage is asynchronous: a store call that is not awaited would run outside its command's transaction,
    // and a promise tested as a condition is always true. The type checker finds both.
    files: ['server/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // shared/ is isomorphic: it may not reach into the server or the client.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '../server/*', '../../server/*'],
              message: 'shared/ must not import from server/.',
            },
            {
              group: ['**/client/**', '../client/*', '../../client/*'],
              message: 'shared/ must not import from client/.',
            },
            { group: ['node:*'], message: 'shared/ runs in the browser too: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    // The client never imports server code.
    files: ['client/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], message: 'client/ must not import from server/.' }] },
      ],
    },
  },
  {
    // The browser reaches the API only by the route table (`call(ROUTES.x, …)`, or `send.call(ROUTES.x, …)` in an
    // action), so a change of contract fails the type check: no request by a hand-built path.
    files: ['client/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.object.name=/^(api|send|sender)$/][callee.property.name=/^(get|post|put|delete)$/]",
          message: 'Call the API by the route table: call(ROUTES.x, …), or send.call(ROUTES.x, …) in an action.',
        },
        {
          selector: "MemberExpression[property.name='schemas']",
          message: 'The browser’s route table has no schemas (scripts/lib/routesWithoutSchemas.ts).',
        },
      ],
    },
  },
  {
    // zod checks requests at the server's edge and stays off the browser: the client takes only types from the
    // API's schema modules, its route table without schemas (replaced in the build, see
    // scripts/lib/routesWithoutSchemas.ts), and shared limits and kinds from shared/domain.
    files: ['client/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'zod stays on the server.', allowTypeImports: true }],
          patterns: [
            {
              group: ['**/shared/api/*', '!**/shared/api/routes.js', '!**/shared/api/route.js'],
              allowTypeImports: true,
              message: 'Import types only from shared/api (its schemas load zod); constants live in shared/domain.',
            },
          ],
        },
      ],
    },
  },
  {
    // Small modules and short functions, in everything the project runs (client, server, scripts): no source
    // file over 350 lines, no function over 80, blank lines and comments not counted. Tests are exempt: a
    // table of cases reads best whole.
    files: ['client/**/*.{ts,tsx}', 'server/**/*.ts', 'shared/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'max-lines': ['error', { max: 350, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
);
