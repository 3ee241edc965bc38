// @ts-check
/**
 * Mutation testing of the domain (npm run mutation): every rule in libs/domain is changed one mutant at a time
 * and the domain's own specs must notice. Jest runs them as the suite does (same swc transform and alias map),
 * without the real servers the suite's global set-up starts: the domain is pure.
 */
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  plugins: ['@stryker-mutator/jest-runner'],
  mutate: ['libs/domain/src/**/*.ts', '!libs/domain/src/**/*.spec.ts', '!libs/domain/src/index.ts'],
  jest: { projectType: 'custom', configFile: 'libs/domain/jest.config.js', enableFindRelatedTests: true },
  coverageAnalysis: 'perTest',
  // Module-level constants (messages, tables) need every test file reloaded per mutant: 3% of the mutants for
  // 40% of the time. They are reported as ignored, not counted.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/domain.html' },
  jsonReporter: { fileName: 'reports/mutation/domain.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', '.data', '.tools', 'test-artifacts', 'reports', 'coverage'],
};
