// @ts-check
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'async_hooks',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

/** Node built-ins as restricted paths, with why. */
const builtinPaths = (message) => nodeBuiltins.flatMap((m) => [m, `node:${m}`]).map((name) => ({ name, message }));

/** What every file obeys: libs by alias only (no deep alias, no relative path into libs/), no workflows/ outside it. */
const boundaries = () => [
  { group: ['@thidua/*/**'], message: 'Import a lib by its alias (@thidua/<lib>), not one of its files.' },
  { group: ['**/libs/**'], message: 'Import a lib by its alias (@thidua/<lib>), not by a path.' },
  {
    group: ['**/workflows/**', '!./**', '!../**/workflows/src/*'],
    message: 'Only workflows/ imports workflows/; the rules are in @thidua/domain.',
  },
];

/** Frameworks and I/O a pure library must not import. */
const impure = (why) => [
  {
    group: [
      '@nestjs/*',
      '@temporalio/*',
      'typeorm',
      'typeorm/*',
      'pg',
      'pg-*',
      '@thidua/persistence',
      '@thidua/temporal',
      '@thidua/config',
      'node:*',
    ],
    message: `${why}: no framework, Temporal, database or I/O.`,
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.tools/**', 'coverage/**', 'test-artifacts/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Boundaries. A lib is imported by its alias (`@thidua/<lib>`, tsconfig.json "paths"), never by a relative path
  // into it nor into one of its files; libraries never import apps; apps and scripts never import workflows/.
  { files: ['**/*.ts', '**/*.tsx'], rules: { 'no-restricted-imports': ['error', { patterns: boundaries() }] } },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...boundaries(), { group: ['**/apps/**'], message: 'Libraries never import apps.' }] },
      ],
    },
  },
  {
    // The domain is pure: deciders, evolve, chase and the rules they use, run by workflows and read models alike.
    files: ['libs/domain/**/*.ts'],
    ignores: ['libs/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: builtinPaths('The domain is pure: no I/O.'), patterns: [...boundaries(), ...impure('The domain is pure')] },
      ],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no I/O, no framework, no database.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinPaths('Node built-ins are not deterministic; use activities.'),
          patterns: [
            ...boundaries(),
            { group: ['@nestjs/*'], message: 'Nest does not belong in workflow code.' },
            { group: ['typeorm', 'typeorm/*', 'pg', 'pg-*', '@thidua/persistence'], message: 'Database access belongs in activities.' },
            {
              group: ['@thidua/*', '!@thidua/contracts', '!@thidua/domain', '!@thidua/calendar'],
              message: 'Workflows import only contracts, the domain and their own files.',
            },
            { group: ['node:*'], message: 'Node built-ins are not deterministic; use activities.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // API tests read JSON bodies whose shape the assertions check.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
